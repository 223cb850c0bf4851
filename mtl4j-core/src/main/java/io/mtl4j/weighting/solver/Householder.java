package io.mtl4j.weighting.solver;

/**
 * Householder transformations Q = I + u uᵀ / b on strided storage (Lawson &amp; Hanson, "Solving Least Squares
 * Problems", 1974, algorithms H1/H2), the building block of {@link Nnls} and {@link ConstrainedLeastSquares}.
 *
 * <p>Matrices are flat column-major arrays, as in the Fortran this mirrors, so the same routine can act on a row or
 * a column: a vector is (array, offset, stride). Pivot and range indices are 1-based positions within the vector.
 */
final class Householder {
  private Householder() {}

  /**
   * Builds the transformation that zeroes elements l1..m of vector u against the pivot, overwriting the pivot with
   * the new value; returns the extra scalar "up" that, with u, defines the transformation (0 when u is zero).
   */
  static double construct(int pivot, int l1, int m, double[] u, int uOff, int uStride) {
    if (pivot <= 0 || pivot >= l1 || l1 > m) {
      return 0;
    }
    int p = uOff + (pivot - 1) * uStride;
    double cl = Math.abs(u[p]);
    for (int j = l1; j <= m; j++) {
      cl = Math.max(Math.abs(u[uOff + (j - 1) * uStride]), cl);
    }
    if (cl <= 0) {
      return 0;
    }
    double clinv = 1.0 / cl;
    double sm = (u[p] * clinv) * (u[p] * clinv);
    for (int j = l1; j <= m; j++) {
      double v = u[uOff + (j - 1) * uStride] * clinv;
      sm += v * v;
    }
    cl = cl * Math.sqrt(sm);
    if (u[p] > 0) {
      cl = -cl;
    }
    double up = u[p] - cl;
    u[p] = cl;
    return up;
  }

  /**
   * Applies the transformation (u, up) to {@code count} vectors of c: vector k starts at cOff + k·vectorStride and
   * its elements are elementStride apart.
   */
  static void apply(int pivot, int l1, int m, double[] u, int uOff, int uStride, double up,
      double[] c, int cOff, int elementStride, int vectorStride, int count) {
    if (pivot <= 0 || pivot >= l1 || l1 > m || count <= 0) {
      return;
    }
    double pivotValue = u[uOff + (pivot - 1) * uStride];
    if (Math.abs(pivotValue) <= 0) {
      return;
    }
    double b = up * pivotValue;
    if (b >= 0) {
      return;
    }
    b = 1.0 / b;
    for (int k = 0; k < count; k++) {
      int base = cOff + k * vectorStride;
      int ip = base + (pivot - 1) * elementStride;
      double sm = c[ip] * up;
      for (int i = l1; i <= m; i++) {
        sm += c[base + (i - 1) * elementStride] * u[uOff + (i - 1) * uStride];
      }
      if (sm == 0) {
        continue;
      }
      sm *= b;
      c[ip] += sm * up;
      for (int i = l1; i <= m; i++) {
        c[base + (i - 1) * elementStride] += sm * u[uOff + (i - 1) * uStride];
      }
    }
  }

  /** Construct, then apply to c (Lawson &amp; Hanson's mode 1); returns up. */
  static double constructAndApply(int pivot, int l1, int m, double[] u, int uOff, int uStride,
      double[] c, int cOff, int elementStride, int vectorStride, int count) {
    if (pivot <= 0 || pivot >= l1 || l1 > m) {
      return 0;
    }
    double up = construct(pivot, l1, m, u, uOff, uStride);
    if (up == 0 && u[uOff + (pivot - 1) * uStride] == 0) {
      return 0;
    }
    apply(pivot, l1, m, u, uOff, uStride, up, c, cOff, elementStride, vectorStride, count);
    return up;
  }
}
