package io.mtl4j.classical;

import io.mtl4j.linalg.Linalg;
import java.util.stream.IntStream;

/**
 * Sufficient statistics of least squares per task: G_t = X_tᵀX_t [D, D], b_t = X_tᵀy_t [D], c_t = y_tᵀy_t.
 *
 * <p>Every least-squares loss, gradient and duality gap below is exact in terms of these, so a solver iteration
 * costs O(T·D²) whatever the number of rows. Under a shared X one G serves all tasks.
 */
final class LeastSquaresStats {
  /** Large products are split in two row halves summed in a fixed order: two cores, same bits every run. */
  private static final long PARALLEL_WORK = 50_000_000L;
  /** Rows per block of the Gram kernel: the block [128, D] stays in cache while the tiles are formed. */
  private static final int BLOCK = 128;
  /** A shared X this wide gets its Gram column by column, only for features a solution uses. */
  static final int LAZY_FEATURES = 256;

  final int features;
  final int tasks;
  /** G_t flat row-major [D, D]; the same array for all tasks under a shared X; null entries while lazy. */
  private final double[][] g;
  /** b_t [D]. */
  final double[][] b;
  /** c_t = ||y_t||². */
  final double[] c;
  /** Lazy shared-X mode: X [n, D] row-major and the Gram columns computed so far (G is symmetric). */
  private final double[] sharedX;
  private final int sharedRows;
  private final double[][] columns;

  private LeastSquaresStats(int features, double[][] g, double[][] b, double[] c, double[] sharedX, int sharedRows) {
    this.features = features;
    this.tasks = b.length;
    this.g = g;
    this.b = b;
    this.c = c;
    this.sharedX = sharedX;
    this.sharedRows = sharedRows;
    this.columns = sharedX == null ? null : new double[features][];
  }

  static LeastSquaresStats of(MultiTaskData data) {
    int d = data.features();
    int tasks = data.tasks();
    double[][] g = new double[tasks][];
    double[][] b = new double[tasks][];
    double[] c = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      double s = 0;
      for (double v : data.y(t)) s += v * v;
      c[t] = s;
    }
    if (data.isSharedX() && d >= LAZY_FEATURES) {
      double[][] y = new double[tasks][];
      for (int t = 0; t < tasks; t++) y[t] = data.y(t);
      return new LeastSquaresStats(d, g, sharedXty(data.x(0), y, data.rows(0), d), c, data.x(0), data.rows(0));
    }
    double[] shared = data.isSharedX() ? xtx(data.x(0), data.rows(0), d) : null;
    for (int t = 0; t < tasks; t++) {
      g[t] = shared != null ? shared : xtx(data.x(t), data.rows(t), d);
      b[t] = xty(data.x(t), data.y(t), data.rows(t), d);
    }
    return new LeastSquaresStats(d, g, b, c, null, 0);
  }

  /** True in the lazy shared-X mode (use {@link #ensureColumns} and {@link #column} instead of {@link #g}). */
  boolean lazy() {
    return sharedX != null;
  }

  /** G_t [D, D] row-major; lazy statistics build the whole matrix on this first call. */
  double[] g(int t) {
    if (g[t] == null) {
      boolean[] all = new boolean[features];
      java.util.Arrays.fill(all, true);
      ensureColumns(all);
      double[] full = new double[features * features];
      for (int j = 0; j < features; j++) {
        for (int i = 0; i < features; i++) full[i * features + j] = columns[j][i];
      }
      java.util.Arrays.fill(g, full);
    }
    return g[t];
  }

  /** Column j of the shared G (lazy mode; {@link #ensureColumns} first). */
  double[] column(int j) {
    return columns[j];
  }

  /** Computes the missing columns among {@code needed} in one pass over X (two row halves on two cores). */
  void ensureColumns(boolean[] needed) {
    int count = 0;
    for (int j = 0; j < features; j++) if (needed[j] && columns[j] == null) count++;
    if (count == 0) return;
    int[] missing = new int[count];
    for (int j = 0, k = 0; j < features; j++) if (needed[j] && columns[j] == null) missing[k++] = j;
    int n = sharedRows;
    int d = features;
    int parts = (long) n * d * count > PARALLEL_WORK ? 2 : 1;
    double[][][] partial = new double[parts][][];
    IntStream ids = IntStream.range(0, parts);
    if (parts > 1) ids = ids.parallel();
    ids.forEach(p -> partial[p] = columnsOf(sharedX, (int) ((long) n * p / parts),
        (int) ((long) n * (p + 1) / parts), d, missing));
    for (int k = 0; k < count; k++) {
      double[] col = partial[0][k];
      for (int p = 1; p < parts; p++) {
        for (int i = 0; i < d; i++) col[i] += partial[p][k][i];
      }
      columns[missing[k]] = col;
    }
  }

  /** X[from, to)ᵀ·X[from, to)[:, js]: SIMD register tiles when available, else one axpy per row and column. */
  static double[][] columnsOf(double[] x, int from, int to, int d, int[] js) {
    double[][] out = new double[js.length][d];
    if (VECTOR) {
      double[] s = new double[(to - from) * js.length];
      for (int i = from; i < to; i++) {
        for (int k = 0; k < js.length; k++) s[(i - from) * js.length + k] = x[i * d + js[k]];
      }
      VectorGram.weightedSums(x, from, to, d, s, js.length, out);
      return out;
    }
    return scalarColumnsOf(x, from, to, d, js);
  }

  static double[][] scalarColumnsOf(double[] x, int from, int to, int d, int[] js) {
    double[][] out = new double[js.length][d];
    for (int i = from; i < to; i++) {
      int off = i * d;
      for (int k = 0; k < js.length; k++) {
        double a = x[off + js[k]];
        if (a == 0) continue;
        double[] col = out[k];
        for (int q = 0; q < d; q++) col[q] += a * x[off + q];
      }
    }
    return out;
  }

  /** Xᵀ[y_1 … y_T] for a shared X in one pass over its rows: b_t [D] per task. */
  static double[][] sharedXty(double[] x, double[][] y, int n, int d) {
    double[][] out = new double[y.length][d];
    if (VECTOR) {
      double[] s = new double[n * y.length];
      for (int t = 0; t < y.length; t++) {
        for (int i = 0; i < n; i++) s[i * y.length + t] = y[t][i];
      }
      int parts = (long) n * d * y.length > PARALLEL_WORK ? 2 : 1;
      double[][][] partial = new double[parts][y.length][d];
      IntStream ids = IntStream.range(0, parts);
      if (parts > 1) ids = ids.parallel();
      ids.forEach(p -> {
        int from = (int) ((long) n * p / parts);
        int to = (int) ((long) n * (p + 1) / parts);
        VectorGram.weightedSums(x, from, to, d, java.util.Arrays.copyOfRange(s, from * y.length, to * y.length),
            y.length, partial[p]);
      });
      for (int p = 0; p < parts; p++) {
        for (int t = 0; t < y.length; t++) {
          for (int q = 0; q < d; q++) out[t][q] += partial[p][t][q];
        }
      }
      return out;
    }
    return scalarSharedXty(x, y, n, d);
  }

  static double[][] scalarSharedXty(double[] x, double[][] y, int n, int d) {
    double[][] out = new double[y.length][d];
    for (int i = 0; i < n; i++) {
      int off = i * d;
      for (int t = 0; t < y.length; t++) {
        double yi = y[t][i];
        if (yi == 0) continue;
        double[] o = out[t];
        for (int q = 0; q < d; q++) o[q] += yi * x[off + q];
      }
    }
    return out;
  }

  /** Gram of a transformed design, G'_t = Aᵀ G_t A and b'_t = Aᵀ b_t with A [D, K] flat row-major. */
  LeastSquaresStats transformed(double[] a, int k) {
    for (int t = 0; t < tasks; t++) g(t);
    double[][] ng = new double[tasks][];
    double[][] nb = new double[tasks][];
    double[] prevG = null;
    double[] prevOut = null;
    for (int t = 0; t < tasks; t++) {
      if (g[t] == prevG) {
        ng[t] = prevOut;
      } else {
        double[] ga = multiply(g[t], features, features, a, k);
        ng[t] = transposeMultiply(a, features, k, ga, k);
        prevG = g[t];
        prevOut = ng[t];
      }
      nb[t] = new double[k];
      for (int i = 0; i < features; i++) {
        double bi = b[t][i];
        for (int j = 0; j < k; j++) nb[t][j] += a[i * k + j] * bi;
      }
    }
    return new LeastSquaresStats(k, ng, nb, c.clone(), null, 0);
  }

  /**
   * Largest eigenvalue of G_t over all tasks (power iteration on each distinct G; an estimate from below). Lazy
   * statistics return max_j G_jj instead, a lower bound read off the data in one pass: only the first step size,
   * which backtracking corrects.
   */
  double maxEigenvalue() {
    if (lazy()) {
      double[] diag = new double[features];
      for (int i = 0; i < sharedRows; i++) {
        int off = i * features;
        for (int j = 0; j < features; j++) diag[j] += sharedX[off + j] * sharedX[off + j];
      }
      double max = 0;
      for (double v : diag) max = Math.max(max, v);
      return max;
    }
    double best = 0;
    double[] prev = null;
    for (double[] gt : g) {
      if (gt == prev) continue;
      prev = gt;
      best = Math.max(best, Linalg.largestEigenvalue(gt, features));
    }
    return best;
  }


  /**
   * XᵀX for X [n, D] row-major, symmetric: SIMD tiles through the Vector API when the JVM has the module, else
   * 4×4 scalar register tiles over row blocks.
   */
  static double[] xtx(double[] x, int n, int d) {
    if (VECTOR) return vectorXtx(x, n, d);
    return scalarXtx(x, n, d);
  }

  static final boolean VECTOR = vectorAvailable();

  private static boolean vectorAvailable() {
    try {
      return !"false".equals(System.getProperty("mtl4j.vector")) && VectorGram.available();
    } catch (LinkageError e) {
      return false;
    }
  }

  static double[] vectorXtx(double[] x, int n, int d) {
    int parts = (long) n * d * d > PARALLEL_WORK ? 2 : 1;
    double[][] partial = new double[parts][d * d];
    IntStream ids = IntStream.range(0, parts);
    if (parts > 1) ids = ids.parallel();
    ids.forEach(p -> VectorGram.accumulate(x, (int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts), d,
        partial[p]));
    double[] g = partial[0];
    for (int p = 1; p < parts; p++) {
      for (int i = 0; i < g.length; i++) g[i] += partial[p][i];
    }
    for (int j = 0; j < d; j++) {
      for (int k = 0; k < j; k++) g[j * d + k] = g[k * d + j];
    }
    return g;
  }

  static double[] scalarXtx(double[] x, int n, int d) {
    double[] g = new double[d * d];
    int tiles = (d + 3) / 4;
    IntStream rows = IntStream.range(0, tiles);
    if ((long) n * d * d > PARALLEL_WORK) rows = rows.parallel();
    // Each tile row of G is owned by one worker and summed over row blocks in a fixed order: deterministic.
    double[] xt = transposeBlocks(x, n, d);
    rows.forEach(jt -> tileRow(xt, n, d, jt * 4, g));
    for (int j = 0; j < d; j++) {
      for (int k = 0; k < j; k++) g[j * d + k] = g[k * d + j];
    }
    return g;
  }

  /** X column-major within blocks of BLOCK rows: block r holds [D, BLOCK] so that tile loops read contiguously. */
  private static double[] transposeBlocks(double[] x, int n, int d) {
    int blocks = (n + BLOCK - 1) / BLOCK;
    double[] out = new double[blocks * BLOCK * d];
    for (int i = 0; i < n; i++) {
      int base = (i / BLOCK) * BLOCK * d + (i % BLOCK);
      for (int j = 0; j < d; j++) out[base + j * BLOCK] = x[i * d + j];
    }
    return out;
  }

  private static void tileRow(double[] xt, int n, int d, int j, double[] g) {
    double[] acc = new double[16];
    for (int k = j; k < d; k += 4) {
      java.util.Arrays.fill(acc, 0);
      for (int start = 0; start < n; start += BLOCK) {
        tile(xt, (start / BLOCK) * BLOCK * d, Math.min(BLOCK, n - start), d, j, k, acc);
      }
      for (int p = 0; p < 4 && j + p < d; p++) {
        for (int q = 0; q < 4 && k + q < d; q++) g[(j + p) * d + k + q] = acc[p * 4 + q];
      }
    }
  }

  /** acc[p, q] += Σ_i x[i, j+p]·x[i, k+q] over one block: 16 independent sums kept in registers. */
  private static void tile(double[] xt, int base, int m, int d, int j, int k, double[] acc) {
    int j1 = base + Math.min(j + 1, d - 1) * BLOCK;
    int j2 = base + Math.min(j + 2, d - 1) * BLOCK;
    int j3 = base + Math.min(j + 3, d - 1) * BLOCK;
    int j0 = base + j * BLOCK;
    int k0 = base + k * BLOCK;
    int k1 = base + Math.min(k + 1, d - 1) * BLOCK;
    int k2 = base + Math.min(k + 2, d - 1) * BLOCK;
    int k3 = base + Math.min(k + 3, d - 1) * BLOCK;
    double a00 = 0, a01 = 0, a02 = 0, a03 = 0, a10 = 0, a11 = 0, a12 = 0, a13 = 0;
    double a20 = 0, a21 = 0, a22 = 0, a23 = 0, a30 = 0, a31 = 0, a32 = 0, a33 = 0;
    for (int i = 0; i < m; i++) {
      double x0 = xt[j0 + i], x1 = xt[j1 + i], x2 = xt[j2 + i], x3 = xt[j3 + i];
      double y0 = xt[k0 + i], y1 = xt[k1 + i], y2 = xt[k2 + i], y3 = xt[k3 + i];
      a00 += x0 * y0; a01 += x0 * y1; a02 += x0 * y2; a03 += x0 * y3;
      a10 += x1 * y0; a11 += x1 * y1; a12 += x1 * y2; a13 += x1 * y3;
      a20 += x2 * y0; a21 += x2 * y1; a22 += x2 * y2; a23 += x2 * y3;
      a30 += x3 * y0; a31 += x3 * y1; a32 += x3 * y2; a33 += x3 * y3;
    }
    acc[0] += a00; acc[1] += a01; acc[2] += a02; acc[3] += a03;
    acc[4] += a10; acc[5] += a11; acc[6] += a12; acc[7] += a13;
    acc[8] += a20; acc[9] += a21; acc[10] += a22; acc[11] += a23;
    acc[12] += a30; acc[13] += a31; acc[14] += a32; acc[15] += a33;
  }

  static double[] xty(double[] x, double[] y, int n, int d) {
    double[] out = new double[d];
    for (int i = 0; i < n; i++) {
      double yi = y[i];
      int off = i * d;
      for (int j = 0; j < d; j++) out[j] += x[off + j] * yi;
    }
    return out;
  }

  /** [m, k]·[k, n] row-major. */
  static double[] multiply(double[] a, int m, int k, double[] b, int n) {
    double[] out = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int p = 0; p < k; p++) {
        double v = a[i * k + p];
        if (v == 0) continue;
        for (int j = 0; j < n; j++) out[i * n + j] += v * b[p * n + j];
      }
    }
    return out;
  }

  /** Aᵀ·B with A [k, m], B [k, n] row-major → [m, n]. */
  static double[] transposeMultiply(double[] a, int k, int m, double[] b, int n) {
    double[] out = new double[m * n];
    for (int p = 0; p < k; p++) {
      for (int i = 0; i < m; i++) {
        double v = a[p * m + i];
        if (v == 0) continue;
        for (int j = 0; j < n; j++) out[i * n + j] += v * b[p * n + j];
      }
    }
    return out;
  }
}
