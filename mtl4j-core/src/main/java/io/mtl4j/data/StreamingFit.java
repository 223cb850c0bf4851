package io.mtl4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Fits {@link Preprocessing} in one streaming pass over a file's chunks, on its training rows only (a
 * {@link HashSplit}), holding one chunk and per-column statistics ({@link ColumnStats}) at a time. The encoders follow
 * the rules of {@link Preprocessing#fit}; where the in-memory fit sums x and x², this one merges means and variances
 * (Chan et al.), so standardisation agrees to rounding. Feature groups ({@code inputs:}) are not streamed.
 */
public final class StreamingFit {
  private StreamingFit() {}

  /**
   * @param preprocessing   fitted on the training rows
   * @param trainRows       rows on the training side of the split
   * @param validRows       rows on the validation side
   * @param hashedPastBound categorical columns hashed because they had more than {@code maxDistinct} values
   */
  public record Result(Preprocessing preprocessing, long trainRows, long validRows, List<String> hashedPastBound) {
    public Result {
      hashedPastBound = List.copyOf(hashedPastBound);
    }
  }

  public static Result fit(Supplier<ChunkReader> source, HashSplit split, FeatureOptions options, List<LabelSpec> tasks,
                           StreamingOptions streaming) {
    if (streaming.maxDistinct() < options.maxCategories()) {
      throw new IllegalArgumentException("data.streaming.maxDistinct = " + streaming.maxDistinct()
          + " is below features.maxCategories = " + options.maxCategories() + "; expected maxDistinct ≥ maxCategories");
    }
    Pass pass = new Pass(split, options, tasks, streaming.maxDistinct());
    try (ChunkReader reader = source.get()) {
      for (Table chunk; (chunk = reader.next()) != null; ) pass.add(chunk);
    }
    return pass.result();
  }

  /** The accumulators of one pass. */
  private static final class Pass {
    private final HashSplit split;
    private final FeatureOptions options;
    private final List<LabelSpec> tasks;
    private final int maxDistinct;
    private final List<Integer> inputs = new ArrayList<>();
    private final List<ColumnStats> columns = new ArrayList<>();
    private final List<Set<String>> classes = new ArrayList<>();
    private final double[][] targets; // per task: count, mean, M2 of the raw labels (standardised tasks)
    private long row, train;
    private boolean chosen;

    Pass(HashSplit split, FeatureOptions options, List<LabelSpec> tasks, int maxDistinct) {
      this.split = split;
      this.options = options;
      this.tasks = tasks;
      this.maxDistinct = maxDistinct;
      this.targets = new double[tasks.size()][3];
      for (int t = 0; t < tasks.size(); t++) classes.add(new TreeSet<>());
    }

    void add(Table chunk) {
      if (!chosen) choose(chunk);
      boolean[] isTrain = new boolean[chunk.rows()];
      int[] trainRows = new int[chunk.rows()];
      int n = 0;
      for (int r = 0; r < chunk.rows(); r++, row++) {
        isTrain[r] = !split.isValidation(row);
        if (isTrain[r]) trainRows[n++] = r;
      }
      train += n;
      trainRows = java.util.Arrays.copyOf(trainRows, n);
      for (int i = 0; i < inputs.size(); i++) {
        String name = chunk.names().get(inputs.get(i));
        columns.get(i).add(chunk, inputs.get(i), isTrain, options.numeric().contains(name));
      }
      for (int t = 0; t < tasks.size(); t++) addLabels(t, chunk, trainRows);
    }

    /** The input columns, as {@link Preprocessing#fit} chooses them, from the first chunk's header. */
    private void choose(Table chunk) {
      chosen = true;
      for (int col : Preprocessing.inputColumns(chunk, options, Preprocessing.labelColumns(chunk, tasks))) {
        String name = chunk.names().get(col);
        inputs.add(col);
        columns.add(new ColumnStats(name, options.scalingByColumn().getOrDefault(name, options.scaling()), maxDistinct));
      }
    }

    private void addLabels(int t, Table chunk, int[] rows) {
      LabelSpec spec = tasks.get(t);
      if (spec.type().equals("multiclass")) {
        int col = chunk.indexOf(spec.columns().get(0));
        for (int r : rows) {
          int code = chunk.code(col, r);
          if (code >= 0 && classes.get(t).add(chunk.values(col).get(code)) && classes.get(t).size() > maxDistinct) {
            throw new DataFormatException(chunk.source(), chunk.line(r), col + 1, "task '" + spec.task()
                + "' (multiclass) has more than " + maxDistinct + " classes (data.streaming.maxDistinct)");
          }
        }
      } else if (spec.standardise()) {
        float[] y = new float[rows.length], mask = new float[rows.length];
        new LabelEncoder(spec.withoutStandardising(), List.of()).encode(chunk, rows, y, mask);
        double[] s = targets[t];
        for (int i = 0; i < rows.length; i++) {
          if (mask[i] == 0) continue;
          double delta = y[i] - s[1];
          s[0]++;
          s[1] += delta / s[0];
          s[2] += delta * (y[i] - s[1]);
        }
      }
    }

    Result result() {
      List<LabelEncoder> labels = new ArrayList<>();
      for (int t = 0; t < tasks.size(); t++) labels.add(label(t));
      List<FeatureEncoder> encoders = new ArrayList<>();
      List<String> hashed = new ArrayList<>();
      for (ColumnStats c : columns) {
        FeatureEncoder e = c.encoder(options);
        encoders.add(e);
        if (c.pastBound() && e instanceof FeatureEncoder.Hashed) hashed.add(e.column());
      }
      return new Result(new Preprocessing(encoders, labels), train, row - train, hashed);
    }

    private LabelEncoder label(int t) {
      LabelSpec spec = tasks.get(t);
      if (spec.standardise()) {
        double[] s = targets[t];
        double std = s[0] == 0 ? 0 : Math.sqrt(s[2] / s[0]);
        return new LabelEncoder(spec, List.of(), new TargetScaling(s[1], std > 0 ? std : 1));
      }
      if (!spec.type().equals("multiclass")) return new LabelEncoder(spec, List.of());
      if (classes.get(t).size() < 2) {
        throw new IllegalArgumentException("task '" + spec.task() + "' (multiclass) has " + classes.get(t).size()
            + " class(es) in the training rows, expected ≥ 2");
      }
      return new LabelEncoder(spec, List.copyOf(classes.get(t)));
    }
  }
}
