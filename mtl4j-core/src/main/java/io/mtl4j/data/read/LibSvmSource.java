package io.mtl4j.data.read;

import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.Dataset;
import io.mtl4j.encode.DenseEncoder;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.encode.SparseRows;
import io.mtl4j.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads LibSVM/SVMlight sparse files ({@code label index:value …}, 1-based indices, gzipped or not) into a
 * {@link Dataset} with one task whose features are one sparse group, {@link #GROUP} ({@link SparseRows}: memory
 * O(non-zeros) whatever the width; a model reads it through a {@link DenseEncoder} that makes each batch dense). Two
 * streaming passes (rows, entries and width, then values): the text is never held. A label list {@code 1,3} makes a
 * multilabel task; {@code -1} labels of a binary task become 0. Values are used as given: centring would make every
 * row dense, so the reader applies no standardisation (LibSVM files are usually scaled already).
 */
public final class LibSvmSource {
  /**
   * Widest input inferred from the indices alone. The data stay sparse, but the model's first layer holds width ×
   * hidden weights and each batch is width floats per row, so a wider file must declare its width.
   */
  public static final int MAX_INFERRED_WIDTH = 1 << 20;
  /** The name of the feature group the rows are read into. */
  public static final String GROUP = "features";

  private LibSvmSource() {}

  /**
   * @param features input width (0: the largest index in the file, at most {@link #MAX_INFERRED_WIDTH})
   * @param labels   multilabel width (0: single-label task)
   */
  public static Dataset read(Path file, String task, int features, int labels) {
    long[] shape = scan(file, features, labels);
    int n = (int) shape[0];
    int d = features > 0 ? features : (int) shape[1];
    int[] offsets = new int[n + 1];
    int[] columns = new int[(int) shape[2]];
    float[] x = new float[columns.length];
    float[] y = new float[n * Math.max(1, labels)];
    int[] row = {0};
    lines(file, (s, line) -> {
      int r = row[0]++;
      int[] k = {offsets[r]};
      parseRow(s, file, line, d, labels, y, r, (c, v) -> {
        columns[k[0]] = c;
        x[k[0]++] = v;
      });
      offsets[r + 1] = k[0];
    });
    boolean pm = labels == 0;
    for (float v : y) pm &= v == -1f || v == 1f;
    if (pm) for (int i = 0; i < y.length; i++) y[i] = y[i] > 0 ? 1f : 0f;
    Tensor labelTensor = labels == 0 ? Tensor.of(y, n) : Tensor.of(y, n, labels);
    SparseRows rows = new SparseRows(d, offsets, columns, x);
    return Dataset.builder(FeatureRows.of(Map.of(GROUP, rows))).task(task, labelTensor).build();
  }

  /** Takes one row's entries: 0-based column and value. */
  interface EntrySink {
    void accept(int column, float value);
  }

  /** One row's labels into {@code y} at row {@code r} and its entries, checked, into {@code entries}. */
  static void parseRow(String s, Path file, long line, int d, int labels, float[] y, int r, EntrySink entries) {
    String[] tokens = s.split("\\s+");
    parseLabels(tokens[0], labels, y, r, file, line);
    for (int i = 1; i < tokens.length && !tokens[i].startsWith("#"); i++) {
      int colon = tokens[i].indexOf(':');
      entries.accept(index(tokens[i], colon, d, DECLARED, file, line, i) - 1,
          value("value", tokens[i].substring(colon + 1), file, line, i + 1));
    }
  }

  /** The feature group of a file read with width {@code width}, for {@link io.mtl4j.arch.ModelSpec#of}. */
  public static InputSpec inputs(int width) {
    return new InputSpec(List.of(new DenseEncoder.Spec(GROUP, width, false)));
  }

  /** The 1-based index of entry {@code i} ({@code index:value}), checked against the width {@code d}. */
  private static int index(String entry, int colon, long d, String bound, Path file, long line, int i) {
    long index;
    try {
      if (colon <= 0) throw new NumberFormatException();
      index = Long.parseLong(entry.substring(0, colon));
    } catch (NumberFormatException e) {
      throw new DataFormatException(file.toString(), line, i + 1, "bad entry '" + entry + "', expected index:value");
    }
    if (index < 1 || index > d) {
      String why = d == MAX_INFERRED_WIDTH ? ": a width inferred from the indices is at most " + MAX_INFERRED_WIDTH
          + ", because the model's first layer holds width × hidden weights and each batch width values per row;"
          + " declare the width if the file really is that wide, or renumber (hash) the features into a smaller range"
          : " (" + bound + " width)";
      throw new DataFormatException(file.toString(), line, i + 1, "feature index " + index + " outside 1.." + d + why);
    }
    return (int) index;
  }

  /** A feature value or label: a finite float (NaN, Infinity and 1e50 would poison every sum they enter). */
  private static float value(String what, String text, Path file, long line, int column) {
    float v;
    try {
      v = Float.parseFloat(text);
    } catch (NumberFormatException e) {
      throw new DataFormatException(file.toString(), line, column, "bad " + what + " '" + text + "', expected a number");
    }
    if (!Float.isFinite(v)) {
      throw new DataFormatException(file.toString(), line, column, what + " '" + text + "' is not a finite float");
    }
    return v;
  }

  private static void parseLabels(String token, int labels, float[] y, int r, Path file, long line) {
    if (labels == 0) {
      y[r] = value("label", token, file, line, 1);
      return;
    }
    try {
      if (token.isEmpty()) return;
      for (String l : token.split(",")) {
        int k = Integer.parseInt(l);
        if (k < 0 || k >= labels) throw new NumberFormatException();
        y[r * labels + k] = 1f;
      }
    } catch (NumberFormatException e) {
      throw new DataFormatException(file.toString(), line, 1, "bad label '" + token + "', expected label indices 0.."
          + (labels - 1) + " separated by commas");
    }
  }

  /**
   * {@link #scan}'s {@code labels} for a file of either kind: single-label unless a label token lists indices
   * ({@code 0,3}), and then multilabel with as many labels as its largest index + 1.
   */
  static final int DETECT = -1;

  /** The most labels a multilabel file read with {@link #DETECT} may have (one column, and one task, per label). */
  static final int MAX_DETECTED_LABELS = 1 << 16;

  /**
   * Rows, largest feature index, entries and (single-label files) labels other than ±1, every index checked against
   * the declared or the largest inferable width; the counts bounded by what one array holds. With {@link #DETECT} also
   * the largest label index + 1 of a list or an integer label (index 4) and 1 if any label was a list (index 5).
   */
  static long[] scan(Path file, int features, int labels) {
    return scan(file, features, labels, DECLARED);
  }

  /** Whose {@link #scan}'s given width and labels are by default, in its messages. */
  static final String DECLARED = "the declared";

  /**
   * As {@link #scan(Path, int, int)}, with {@code bound} saying in messages whose {@code features} and
   * {@code labels} are ({@code the training file's}); a label list is also checked against {@code labels}.
   */
  static long[] scan(Path file, int features, int labels, String bound) {
    long width = features > 0 ? features : MAX_INFERRED_WIDTH;
    long[] out = new long[6];
    lines(file, (s, line) -> {
      out[0]++;
      String[] tokens = s.split("\\s+");
      if (labels == DETECT && tokens[0].contains(",")) {
        out[4] = Math.max(out[4], labelCount(tokens[0], MAX_DETECTED_LABELS, "", file, line));
        out[5] = 1;
      } else if (labels > 0) {
        labelCount(tokens[0], labels, " (" + bound + " labels)", file, line);
      } else {
        float v = value("label", tokens[0], file, line, 1);
        if (v != 1f && v != -1f) out[3]++;
        boolean index = v >= 0 && v < MAX_DETECTED_LABELS && v == Math.rint(v); // one label of a multilabel file
        if (labels == DETECT && index) out[4] = Math.max(out[4], (long) v + 1);
      }
      for (int i = 1; i < tokens.length && !tokens[i].startsWith("#"); i++) {
        out[1] = Math.max(out[1], index(tokens[i], tokens[i].indexOf(':'), width, bound, file, line, i));
        out[2]++;
      }
      if (out[0] >= MAX_ARRAY || out[2] >= MAX_ARRAY) {
        throw new DataFormatException(file.toString(), line, 1, "more than " + MAX_ARRAY + " rows or entries; split the file");
      }
    });
    if (out[0] == 0) throw new DataFormatException(file.toString(), 0, 0, "the file has no rows");
    if (out[2] == 0 && features <= 0) {
      throw new DataFormatException(file.toString(), 0, 0, "no row has a feature entry (index:value), so the width is"
          + " unknown; declare it");
    }
    return out;
  }

  /** 1 + the largest index of a label list ({@code 0,3} → 4), each index checked to be below {@code max}. */
  private static int labelCount(String token, int max, String why, Path file, long line) {
    int largest = -1;
    for (String l : token.split(",", -1)) {
      int k;
      try {
        k = Integer.parseInt(l);
      } catch (NumberFormatException e) {
        k = -1;
      }
      if (k < 0 || k >= max) {
        throw new DataFormatException(file.toString(), line, 1, "bad label '" + token + "', expected label indices 0.."
            + (max - 1) + " separated by commas" + why);
      }
      largest = Math.max(largest, k);
    }
    return largest + 1;
  }

  /** The longest Java array: offsets, columns and values are each one. */
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  private interface LineHandler {
    void accept(String line, long number);
  }

  private static void lines(Path file, LineHandler handler) {
    long n = 0;
    try (BufferedReader in = TextInput.reader(file)) {
      String s;
      while ((s = in.readLine()) != null) {
        n++;
        s = s.strip();
        if (!s.isEmpty() && !s.startsWith("#")) handler.accept(s, n);
      }
    } catch (IOException e) {
      throw TextInput.failure(file, n, e);
    }
  }
}
