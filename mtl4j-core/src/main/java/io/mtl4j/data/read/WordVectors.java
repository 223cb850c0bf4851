package io.mtl4j.data.read;

import io.mtl4j.encode.text.Vocabulary;
import io.mtl4j.encode.text.Tokenizer;
import io.mtl4j.data.DataFormatException;
import io.mtl4j.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * An initial embedding table [V, d] for a fitted {@link Vocabulary}, read from pre-trained word vectors in text form:
 * word2vec's ({@code count dim} header line, then {@code word v1 … vd}; Mikolov et al. 2013) or GloVe's (no header;
 * Pennington et al. 2014), gzipped or not.
 *
 * <p>Memory is bounded by the table: only the vocabulary's rows are kept, and numbers are parsed only on lines whose
 * word is in the vocabulary (every line's field count is still checked). A file word matches the vocabulary word
 * equal to its {@link Locale#ROOT} lower case (the {@link io.mtl4j.encode.text.Tokenizer} lower-cases); when several casings match, the
 * first line wins, which in these frequency-sorted files is the most frequent casing. Rows the file does not cover
 * (and the OOV row) are drawn from a normal distribution with the standard deviation of the loaded values, so they
 * start on the same scale; the padding row is zero.
 *
 * @param table [V, d], V = {@link Vocabulary#size()}
 * @param found how many vocabulary words the file covered
 */
public record WordVectors(Tensor table, int found) {
  /** The two text formats. */
  public enum Format { WORD2VEC, GLOVE }

  /** Spread of the drawn rows when the file covers no vocabulary word (then there is no scale to copy). */
  private static final double DEFAULT_SCALE = 0.1;

  public int dimension() {
    return table.dim(1);
  }

  /** Reads {@code file}; rows the file lacks are drawn from {@code seed}. */
  public static WordVectors load(Path file, Format format, Vocabulary vocabulary, long seed) {
    if (vocabulary.isHashed()) {
      throw new IllegalArgumentException("word vectors for " + file + ": a hashed vocabulary has no words to look up;"
          + " fit a vocabulary instead");
    }
    Reading r = new Reading(file, vocabulary);
    long line = 0;
    try (BufferedReader in = TextInput.reader(file)) {
      String s;
      long announced = -1;
      while ((s = in.readLine()) != null) {
        line++;
        if (format == Format.WORD2VEC && line == 1) {
          long[] header = header(file, s);
          announced = header[0];
          r.dimension((int) header[1], "the header");
          continue;
        }
        if (s.isBlank()) continue;
        r.line(s, line);
      }
      if (announced >= 0 && r.vectors != announced) {
        throw new DataFormatException(file.toString(), line, 0, "the header announces " + announced + " vectors but the file"
            + " has " + r.vectors + (r.vectors < announced ? " (is it truncated?)" : ""));
      }
    } catch (IOException e) {
      throw TextInput.failure(file, line, e);
    }
    if (r.dimension == 0) throw new DataFormatException(file.toString(), line, 0, "the file has no vectors");
    return new WordVectors(r.finish(seed), r.found);
  }

  private static long[] header(Path file, String s) {
    String[] f = s.strip().split(" ");
    try {
      long count = Long.parseLong(f[0]);
      int dim = Integer.parseInt(f[1]);
      if (f.length == 2 && count >= 0 && dim > 0) return new long[] {count, dim};
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      // falls through to the message below
    }
    throw new DataFormatException(file.toString(), 1, 1, "expected the word2vec header 'count dimension', found '"
        + abbreviate(s) + "' (a GloVe file has no header: use the glove format)");
  }

  static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }

  /** The state of one load: the table so far, which rows are filled, and running moments for the drawn rows' scale. */
  private static final class Reading {
    private final Path file;
    private final Vocabulary vocabulary;
    private int dimension;
    private String dimensionFrom;
    private float[] table;
    private boolean[] filled;
    private long vectors;
    private int found;
    private double sum;
    private double squares;

    Reading(Path file, Vocabulary vocabulary) {
      this.file = file;
      this.vocabulary = vocabulary;
    }

    void dimension(int d, String from) {
      dimension = d;
      dimensionFrom = from;
      table = new float[Math.multiplyExact(vocabulary.size(), d)];
      filled = new boolean[vocabulary.size()];
    }

    void line(String s, long line) {
      String text = s.strip();
      int fields = 1;
      for (int i = 0; i < text.length(); i++) if (text.charAt(i) == ' ' && text.charAt(i - 1) != ' ') fields++;
      if (dimension == 0) dimension(fields - 1, "line " + line);
      if (fields - 1 != dimension || dimension == 0) {
        throw new DataFormatException(file.toString(), line, 0, "expected a word and " + dimension + " numbers (the"
            + " dimension of " + dimensionFrom + "), found " + (fields - 1) + " numbers after '" + abbreviate(text.split(" ", 2)[0]) + "'");
      }
      vectors++;
      int space = text.indexOf(' ');
      int row = vocabulary.id(text.substring(0, space).toLowerCase(Locale.ROOT));
      if (row < 2 || filled[row]) return;
      filled[row] = true;
      found++;
      parse(text, space, row, line);
    }

    private void parse(String text, int space, int row, long line) {
      int start = space + 1;
      for (int j = 0; j < dimension; j++) {
        while (text.charAt(start) == ' ') start++;
        int end = text.indexOf(' ', start);
        if (end < 0) end = text.length();
        String number = text.substring(start, end);
        float v;
        try {
          v = Float.parseFloat(number);
        } catch (NumberFormatException e) {
          v = Float.NaN;
        }
        if (!Float.isFinite(v)) {
          throw new DataFormatException(file.toString(), line, start + 1, "component " + (j + 1) + " of '"
              + text.substring(0, space) + "' is '" + abbreviate(number) + "', expected a finite number");
        }
        table[row * dimension + j] = v;
        sum += v;
        squares += (double) v * v;
        start = end;
      }
    }

    Tensor finish(long seed) {
      long n = (long) found * dimension;
      double scale = n < 2 ? DEFAULT_SCALE : Math.sqrt(Math.max(0, squares / n - (sum / n) * (sum / n)));
      SplittableRandom random = new SplittableRandom(seed);
      for (int row = Vocabulary.OOV; row < filled.length; row++) {
        if (filled[row]) continue;
        for (int j = 0; j < dimension; j++) table[row * dimension + j] = (float) (random.nextGaussian() * scale);
      }
      return Tensor.of(table, filled.length, dimension);
    }
  }
}
