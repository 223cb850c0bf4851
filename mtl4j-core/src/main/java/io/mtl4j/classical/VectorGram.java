package io.mtl4j.classical;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * XᵀX with the JDK Vector API (the project runs with {@code --add-modules=jdk.incubator.vector}): SIMD FMAs on
 * 4 × (2 vectors) register tiles of G over row blocks kept in cache. Only touched after {@link #available()}
 * said yes, so the scalar kernel in {@link LeastSquaresStats} serves JVMs started without the module.
 */
final class VectorGram {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int L = SPECIES.length();
  /** Rows per block: 256 rows of a padded 512-column X are 1 MiB, an L2's worth. */
  private static final int BLOCK = 256;

  private VectorGram() {}

  static boolean available() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && SPECIES.length() >= 2;
  }

  /** Adds X[rows from, to)ᵀ·X[from, to) into the upper triangle of g [D, D] (row-major). */
  static void accumulate(double[] x, int from, int to, int d, double[] g) {
    int width = 2 * L;
    int padded = (d + width - 1) / width * width;
    double[] block = new double[BLOCK * padded];
    double[] rows4 = new double[4 * BLOCK];
    for (int start = from; start < to; start += BLOCK) {
      int m = Math.min(BLOCK, to - start);
      for (int i = 0; i < m; i++) System.arraycopy(x, (start + i) * d, block, i * padded, d);
      if (m < BLOCK) java.util.Arrays.fill(block, m * padded, BLOCK * padded, 0);
      for (int j = 0; j < d; j += 4) {
        // The 4 scalars x[i, j..j+3] of every row, gathered once per block and j-tile.
        for (int i = 0; i < m; i++) {
          for (int p = 0; p < 4; p++) rows4[i * 4 + p] = j + p < d ? block[i * padded + j + p] : 0;
        }
        for (int k = j / width * width; k < d; k += width) tile(block, rows4, m, padded, j, k, d, g);
      }
    }
  }

  /**
   * out[c][q] += Σ_{i in [from, to)} s[i·count + c]·x[i·d + q] for c < count, q < D: Xᵀ·S for a tall X [n, D] and
   * S [n, count] row-major, e.g. Gram columns (S = chosen columns of X) or XᵀY (S = Y). Row i of S is stored at
   * s[(i − from)·count].
   */
  static void weightedSums(double[] x, int from, int to, int d, double[] s, int count, double[][] out) {
    int width = 2 * L;
    int padded = (d + width - 1) / width * width;
    double[] block = new double[BLOCK * padded];
    double[] rows4 = new double[4 * BLOCK];
    double[] acc = new double[padded];
    for (int start = from; start < to; start += BLOCK) {
      int m = Math.min(BLOCK, to - start);
      for (int i = 0; i < m; i++) System.arraycopy(x, (start + i) * d, block, i * padded, d);
      if (m < BLOCK) java.util.Arrays.fill(block, m * padded, BLOCK * padded, 0);
      for (int c = 0; c < count; c += 4) {
        for (int i = 0; i < m; i++) {
          for (int p = 0; p < 4; p++) rows4[i * 4 + p] = c + p < count ? s[(start - from + i) * count + c + p] : 0;
        }
        for (int k = 0; k < d; k += width) {
          double[][] targets = new double[4][];
          for (int p = 0; p < 4; p++) targets[p] = c + p < count ? out[c + p] : acc;
          tileInto(block, rows4, m, padded, k, d, targets);
        }
      }
    }
  }

  private static void tileInto(double[] block, double[] rows4, int m, int padded, int k, int d, double[][] out) {
    DoubleVector a00 = DoubleVector.zero(SPECIES);
    DoubleVector a01 = DoubleVector.zero(SPECIES);
    DoubleVector a10 = DoubleVector.zero(SPECIES);
    DoubleVector a11 = DoubleVector.zero(SPECIES);
    DoubleVector a20 = DoubleVector.zero(SPECIES);
    DoubleVector a21 = DoubleVector.zero(SPECIES);
    DoubleVector a30 = DoubleVector.zero(SPECIES);
    DoubleVector a31 = DoubleVector.zero(SPECIES);
    for (int i = 0; i < m; i++) {
      int base = i * padded + k;
      DoubleVector x0 = DoubleVector.fromArray(SPECIES, block, base);
      DoubleVector x1 = DoubleVector.fromArray(SPECIES, block, base + L);
      DoubleVector b0 = DoubleVector.broadcast(SPECIES, rows4[i * 4]);
      DoubleVector b1 = DoubleVector.broadcast(SPECIES, rows4[i * 4 + 1]);
      DoubleVector b2 = DoubleVector.broadcast(SPECIES, rows4[i * 4 + 2]);
      DoubleVector b3 = DoubleVector.broadcast(SPECIES, rows4[i * 4 + 3]);
      a00 = b0.fma(x0, a00);
      a01 = b0.fma(x1, a01);
      a10 = b1.fma(x0, a10);
      a11 = b1.fma(x1, a11);
      a20 = b2.fma(x0, a20);
      a21 = b2.fma(x1, a21);
      a30 = b3.fma(x0, a30);
      a31 = b3.fma(x1, a31);
    }
    addInto(out[0], d, k, a00, a01);
    addInto(out[1], d, k, a10, a11);
    addInto(out[2], d, k, a20, a21);
    addInto(out[3], d, k, a30, a31);
  }

  private static void addInto(double[] row, int d, int k, DoubleVector lo, DoubleVector hi) {
    double[] lanes = new double[2 * L];
    lo.intoArray(lanes, 0);
    hi.intoArray(lanes, L);
    int count = Math.min(2 * L, Math.min(d, row.length) - k);
    for (int q = 0; q < count; q++) row[k + q] += lanes[q];
  }

  private static void tile(double[] block, double[] rows4, int m, int padded, int j, int k, int d, double[] g) {
    DoubleVector a00 = DoubleVector.zero(SPECIES);
    DoubleVector a01 = DoubleVector.zero(SPECIES);
    DoubleVector a10 = DoubleVector.zero(SPECIES);
    DoubleVector a11 = DoubleVector.zero(SPECIES);
    DoubleVector a20 = DoubleVector.zero(SPECIES);
    DoubleVector a21 = DoubleVector.zero(SPECIES);
    DoubleVector a30 = DoubleVector.zero(SPECIES);
    DoubleVector a31 = DoubleVector.zero(SPECIES);
    for (int i = 0; i < m; i++) {
      int base = i * padded + k;
      DoubleVector x0 = DoubleVector.fromArray(SPECIES, block, base);
      DoubleVector x1 = DoubleVector.fromArray(SPECIES, block, base + L);
      DoubleVector b0 = DoubleVector.broadcast(SPECIES, rows4[i * 4]);
      DoubleVector b1 = DoubleVector.broadcast(SPECIES, rows4[i * 4 + 1]);
      DoubleVector b2 = DoubleVector.broadcast(SPECIES, rows4[i * 4 + 2]);
      DoubleVector b3 = DoubleVector.broadcast(SPECIES, rows4[i * 4 + 3]);
      a00 = b0.fma(x0, a00);
      a01 = b0.fma(x1, a01);
      a10 = b1.fma(x0, a10);
      a11 = b1.fma(x1, a11);
      a20 = b2.fma(x0, a20);
      a21 = b2.fma(x1, a21);
      a30 = b3.fma(x0, a30);
      a31 = b3.fma(x1, a31);
    }
    add(g, d, j, k, a00, a01);
    add(g, d, j + 1, k, a10, a11);
    add(g, d, j + 2, k, a20, a21);
    add(g, d, j + 3, k, a30, a31);
  }

  private static void add(double[] g, int d, int row, int k, DoubleVector lo, DoubleVector hi) {
    if (row >= d) return;
    double[] lanes = new double[2 * L];
    lo.intoArray(lanes, 0);
    hi.intoArray(lanes, L);
    int count = Math.min(2 * L, d - k);
    for (int q = 0; q < count; q++) g[row * d + k + q] += lanes[q];
  }
}
