package io.mtl4j.data.read;

import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.Dataset;
import io.mtl4j.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads LibSVM/SVMlight sparse files ({@code label index:value …}, 1-based indices, gzipped or not) into a dense
 * {@link Dataset} with one task. Two streaming passes (width and row count, then values): the text is never held.
 * A label list {@code 1,3} makes a multilabel task; {@code -1} labels of a binary task become 0.
 */
public final class LibSvmSource {
  private LibSvmSource() {}

  /**
   * @param features input width (0: the largest index in the file)
   * @param labels   multilabel width (0: single-label task)
   */
  public static Dataset read(Path file, String task, int features, int labels) {
    long[] shape = scan(file);
    int d = features > 0 ? features : (int) shape[1];
    int n = (int) shape[0];
    float[] x = new float[n * d];
    float[] y = new float[n * Math.max(1, labels)];
    int[] row = {0};
    lines(file, (s, line) -> {
      String[] tokens = s.split("\\s+");
      int r = row[0]++;
      parseLabels(tokens[0], labels, y, r, file, line);
      for (int i = 1; i < tokens.length; i++) {
        if (tokens[i].startsWith("#")) break;
        int colon = tokens[i].indexOf(':');
        try {
          int index = Integer.parseInt(tokens[i].substring(0, colon));
          if (index < 1 || index > d) {
            throw new DataFormatException(file.toString(), line, i + 1, "feature index " + index + " outside 1.." + d);
          }
          x[r * d + index - 1] = Float.parseFloat(tokens[i].substring(colon + 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
          throw new DataFormatException(file.toString(), line, i + 1, "bad entry '" + tokens[i] + "', expected index:value");
        }
      }
    });
    boolean pm = labels == 0;
    for (float v : y) pm &= v == -1f || v == 1f;
    if (pm) for (int i = 0; i < y.length; i++) y[i] = y[i] > 0 ? 1f : 0f;
    Tensor labelTensor = labels == 0 ? Tensor.of(y, n) : Tensor.of(y, n, labels);
    return Dataset.builder(Tensor.of(x, n, d)).task(task, labelTensor).build();
  }

  private static void parseLabels(String token, int labels, float[] y, int r, Path file, long line) {
    try {
      if (labels == 0) {
        y[r] = Float.parseFloat(token);
        return;
      }
      if (token.isEmpty()) return;
      for (String l : token.split(",")) {
        int k = Integer.parseInt(l);
        if (k < 0 || k >= labels) throw new NumberFormatException();
        y[r * labels + k] = 1f;
      }
    } catch (NumberFormatException e) {
      throw new DataFormatException(file.toString(), line, 1, "bad label '" + token + "'"
          + (labels == 0 ? ", expected a number" : ", expected label indices 0.." + (labels - 1) + " separated by commas"));
    }
  }

  /** Rows and largest feature index. */
  private static long[] scan(Path file) {
    long[] out = new long[2];
    lines(file, (s, line) -> {
      out[0]++;
      String[] tokens = s.split("\\s+");
      for (int i = 1; i < tokens.length && !tokens[i].startsWith("#"); i++) {
        int colon = tokens[i].indexOf(':');
        if (colon <= 0) throw new DataFormatException(file.toString(), line, i + 1, "bad entry '" + tokens[i] + "', expected index:value");
        try {
          out[1] = Math.max(out[1], Long.parseLong(tokens[i].substring(0, colon)));
        } catch (NumberFormatException e) {
          throw new DataFormatException(file.toString(), line, i + 1, "bad entry '" + tokens[i] + "', expected index:value");
        }
      }
    });
    if (out[0] == 0) throw new DataFormatException(file.toString(), 0, 0, "the file has no rows");
    return out;
  }

  private interface LineHandler {
    void accept(String line, long number);
  }

  private static void lines(Path file, LineHandler handler) {
    try (InputStream raw = Files.newInputStream(file);
         BufferedReader in = new BufferedReader(new InputStreamReader(
             file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw, StandardCharsets.UTF_8), 1 << 16)) {
      String s;
      long n = 0;
      while ((s = in.readLine()) != null) {
        n++;
        s = s.strip();
        if (!s.isEmpty() && !s.startsWith("#")) handler.accept(s, n);
      }
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file.toString(), 0, 0, "no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
