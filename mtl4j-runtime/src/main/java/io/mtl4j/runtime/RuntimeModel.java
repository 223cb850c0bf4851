package io.mtl4j.runtime;

import io.mtl4j.io.ArchiveLimits;
import io.mtl4j.io.ModelKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A deep mtl4j model loaded for prediction only: the model file's network compiled into plain float loops, with its
 * preprocessing, so raw rows (columns as in the training CSV) go in and every task's predictions come out, as
 * {@code mtl4j predict} gives them. Immutable and safe to share between threads: each thread computes in its own
 * scratch array, made on its first call, so {@link #predict(Map, float[])} allocates nothing after that.
 *
 * <p>Each row's output is {@link #outputWidth()} floats, the tasks side by side as {@link #tasks()} places them.
 */
public final class RuntimeModel {
  private final InputColumns columns;
  private final int inputs;
  private final int input;
  private final SharedPart shared;
  private final HeadPlan[] heads;
  private final int[][] factors; // per task: its factors' output offsets when it is a product task, else null
  private final List<RuntimeTask> tasks;
  private final int outputWidth;
  private final ThreadLocal<float[]> scratch;

  RuntimeModel(InputColumns columns, int inputs, int input, SharedPart shared, HeadPlan[] heads, int[][] factors,
               List<RuntimeTask> tasks, int scratchSize) {
    this.columns = columns;
    this.inputs = inputs;
    this.input = input;
    this.shared = shared;
    this.heads = heads;
    this.factors = factors;
    this.tasks = List.copyOf(tasks);
    this.outputWidth = tasks.stream().mapToInt(RuntimeTask::width).sum();
    this.scratch = ThreadLocal.withInitial(() -> new float[scratchSize]);
  }

  /** Loads and verifies {@code file} (checksums, format, version, parameter layout); a ModelFileException if not. */
  public static RuntimeModel load(Path file) {
    return load(file, null);
  }

  /** As above; with a {@code key} (may be null) a file whose HMAC is missing or wrong is refused unparsed. */
  public static RuntimeModel load(Path file, ModelKey key) {
    return ModelReader.read(file, key, ArchiveLimits.DEFAULT);
  }

  public List<RuntimeTask> tasks() {
    return tasks;
  }

  /** The raw columns a row needs, in the model's order; empty when the file has no preprocessing. */
  public List<String> inputColumns() {
    return columns == null ? List.of() : columns.names();
  }

  /** Width D of the encoded feature vectors {@link #predictEncoded} takes. */
  public int featureWidth() {
    return inputs;
  }

  /** Floats per row of output: every task's width. */
  public int outputWidth() {
    return outputWidth;
  }

  /**
   * Predicts one raw row (column name → value: a number, a string, or null when missing) into
   * {@code out[0, outputWidth())}. An IllegalArgumentException names a missing column or a value that is no number.
   */
  public void predict(Map<String, ?> row, float[] out) {
    requireOutput(out, 1);
    float[] s = scratch.get();
    requireColumns().encode(row, s, input);
    run(s, out, 0);
  }

  /** Predicts every row; row r's output goes to {@code out[r·outputWidth(), (r + 1)·outputWidth())}. */
  public void predict(List<? extends Map<String, ?>> rows, float[] out) {
    requireOutput(out, rows.size());
    InputColumns c = requireColumns();
    float[] s = scratch.get();
    for (int r = 0; r < rows.size(); r++) {
      try {
        c.encode(rows.get(r), s, input);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("row " + r + ": " + e.getMessage(), e);
      }
      run(s, out, r * outputWidth);
    }
  }

  /** One row's predictions in a new array: a convenience that allocates; see {@link #predict(Map, float[])}. */
  public float[] predict(Map<String, ?> row) {
    float[] out = new float[outputWidth];
    predict(row, out);
    return out;
  }

  /** Predicts one encoded feature vector [D] (the model inputs, preprocessing already applied). */
  public void predictEncoded(float[] features, float[] out) {
    predictEncoded(features, 1, out);
  }

  /** Predicts {@code rows} encoded feature vectors, row-major [rows, D], into [rows, outputWidth()]. */
  public void predictEncoded(float[] features, int rows, float[] out) {
    if (rows < 0 || features.length < (long) rows * inputs) {
      throw new IllegalArgumentException("features has " + features.length + " values, expected " + rows + " rows × "
          + inputs + " model inputs");
    }
    requireOutput(out, rows);
    float[] s = scratch.get();
    for (int r = 0; r < rows; r++) {
      System.arraycopy(features, r * inputs, s, input, inputs);
      run(s, out, r * outputWidth);
    }
  }

  private void run(float[] s, float[] out, int at) {
    shared.forward(s);
    for (int t = 0; t < heads.length; t++) {
      if (heads[t] != null) heads[t].forward(s, out, at + tasks.get(t).offset());
    }
    for (int t = 0; t < heads.length; t++) {
      if (factors[t] == null) continue;
      float p = 1;
      for (int f : factors[t]) p *= out[at + f];
      out[at + tasks.get(t).offset()] = p;
    }
  }

  private InputColumns requireColumns() {
    if (columns == null) {
      throw new IllegalStateException("the model file has no preprocessing (it was saved without it): give encoded "
          + "feature vectors of " + inputs + " values to predictEncoded");
    }
    return columns;
  }

  private void requireOutput(float[] out, int rows) {
    if (out.length < (long) rows * outputWidth) {
      throw new IllegalArgumentException("out has " + out.length + " floats, expected at least " + rows + " rows × "
          + outputWidth + " (outputWidth)");
    }
  }
}
