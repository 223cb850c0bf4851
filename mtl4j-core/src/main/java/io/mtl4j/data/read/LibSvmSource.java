package io.mtl4j.data.read;

import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.Dataset;
import io.mtl4j.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads LibSVM/SVMlight sparse files ({@code label index:value …}, 1-based indices, gzipped or not) into a dense
 * {@link Dataset} with one task. Two streaming passes (width and row count, then values): the text is never held,
 * and the dense size is checked between them, so one stray index such as 2000000000 is an error naming its place
 * instead of an allocation of rows × 2·10⁹ floats. A label list {@code 1,3} makes a multilabel task; {@code -1}
 * labels of a binary task become 0.
 */
public final class LibSvmSource {
  /** Widest input inferred from the indices alone; a wider file must declare its width (the {@code features} argument). */
  public static final int MAX_INFERRED_WIDTH = 1 << 20;

  private LibSvmSource() {}

  /**
   * @param features input width (0: the largest index in the file, at most {@link #MAX_INFERRED_WIDTH})
   * @param labels   multilabel width (0: single-label task)
   */
  public static Dataset read(Path file, String task, int features, int labels) {
    long[] shape = scan(file, features);
    int n = (int) shape[0];
    int d = features > 0 ? features : (int) shape[1];
    float[] x = new float[denseCells(file, n, d)];
    float[] y = new float[n * Math.max(1, labels)];
    int[] row = {0};
    lines(file, (s, line) -> {
      String[] tokens = s.split("\\s+");
      int r = row[0]++;
      parseLabels(tokens[0], labels, y, r, file, line);
      for (int i = 1; i < tokens.length && !tokens[i].startsWith("#"); i++) {
        int colon = tokens[i].indexOf(':');
        x[r * d + index(tokens[i], colon, d, file, line, i) - 1] = value("value", tokens[i].substring(colon + 1), file, line, i + 1);
      }
    });
    boolean pm = labels == 0;
    for (float v : y) pm &= v == -1f || v == 1f;
    if (pm) for (int i = 0; i < y.length; i++) y[i] = y[i] > 0 ? 1f : 0f;
    Tensor labelTensor = labels == 0 ? Tensor.of(y, n) : Tensor.of(y, n, labels);
    return Dataset.builder(Tensor.of(x, n, d)).task(task, labelTensor).build();
  }

  /** The 1-based index of entry {@code i} ({@code index:value}), checked against the width {@code d}. */
  private static int index(String entry, int colon, long d, Path file, long line, int i) {
    long index;
    try {
      if (colon <= 0) throw new NumberFormatException();
      index = Long.parseLong(entry.substring(0, colon));
    } catch (NumberFormatException e) {
      throw new DataFormatException(file.toString(), line, i + 1, "bad entry '" + entry + "', expected index:value");
    }
    if (index < 1 || index > d) {
      String why = d == MAX_INFERRED_WIDTH ? "; a file wider than " + MAX_INFERRED_WIDTH + " inputs must declare its width"
          : " (the declared width)";
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

  /** rows × width as an array length, or an error saying why that dense matrix cannot be held. */
  private static int denseCells(Path file, int rows, int width) {
    long cells = (long) rows * width;
    long heap = Runtime.getRuntime().maxMemory();
    // Half the heap: the dense tensor is copied again on its way into batches and splits.
    if (cells > Integer.MAX_VALUE - 8 || cells * Float.BYTES > heap / 2) {
      throw new DataFormatException(file.toString(), 0, 0, "dense " + rows + " rows × " + width + " inputs = " + cells
          + " values (" + (cells * Float.BYTES >> 20) + " MiB) do not fit in memory (maximum heap " + (heap >> 20)
          + " MiB); declare a smaller width, or select fewer rows");
    }
    return (int) cells;
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

  /** Rows and largest feature index, every index checked against the declared or the largest inferable width. */
  private static long[] scan(Path file, int features) {
    long width = features > 0 ? features : MAX_INFERRED_WIDTH;
    long[] out = new long[2];
    lines(file, (s, line) -> {
      out[0]++;
      String[] tokens = s.split("\\s+");
      for (int i = 1; i < tokens.length && !tokens[i].startsWith("#"); i++) {
        out[1] = Math.max(out[1], index(tokens[i], tokens[i].indexOf(':'), width, file, line, i));
      }
    });
    if (out[0] == 0) throw new DataFormatException(file.toString(), 0, 0, "the file has no rows");
    return out;
  }

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
