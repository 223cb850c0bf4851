package io.mtl4j.weighting.solver;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot-product and combination kernels over double ranges, with the JDK Vector API when the
 * {@code jdk.incubator.vector} module is present and plain loops otherwise.
 *
 * <p>Every product a·b is summed in the same order whichever kernel forms it (alone, or in a register tile with
 * others): one accumulator whose lane l sums the elements ≡ l modulo the lane count (by FMA), its lanes in index
 * order, then the scalar tail; a plain left-to-right sum below {@link #SHORT} elements or without the module. The
 * order is fixed for a given JVM (vector width, module present or not), so results repeat from run to run. Lanes
 * are never summed with {@code reduceLanes}, whose order is unspecified.
 */
final class DotKernels {
  /** Checked without touching the vector fields, so a JVM without the module never loads them. */
  static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
      && !"false".equals(System.getProperty("mtl4j.vector"));
  /** Below this length a dot product is one plain left-to-right sum (the T-sized vectors of the solvers). */
  static final int SHORT = 64;

  private DotKernels() {}

  /** Σ_{i in [from, to)} a[i]·b[i]. */
  static double dot(double[] a, double[] b, int from, int to) {
    if (to - from < SHORT || !VECTOR) {
      return scalarDot(a, b, from, to);
    }
    return Simd.dot(a, b, from, to);
  }

  /** out[k] += a·b_k over [from, to) for the four rows b_0..b_3, each summed exactly as {@link #dot} would. */
  static void dot1x4(double[] a, double[] b0, double[] b1, double[] b2, double[] b3, int from, int to,
      double[] out) {
    if (to - from < SHORT || !VECTOR) {
      out[0] += scalarDot(a, b0, from, to);
      out[1] += scalarDot(a, b1, from, to);
      out[2] += scalarDot(a, b2, from, to);
      out[3] += scalarDot(a, b3, from, to);
      return;
    }
    Simd.dot1x4(a, b0, b1, b2, b3, from, to, out);
  }

  /** out[0..1] += a0·b_0, a0·b_1 and out[4..5] += a1·b_0, a1·b_1 over [from, to): a 2×2 register tile. */
  static void dot2x2(double[] a0, double[] a1, double[] b0, double[] b1, int from, int to, double[] out) {
    if (to - from < SHORT || !VECTOR) {
      out[0] += scalarDot(a0, b0, from, to);
      out[1] += scalarDot(a0, b1, from, to);
      out[4] += scalarDot(a1, b0, from, to);
      out[5] += scalarDot(a1, b1, from, to);
      return;
    }
    Simd.dot2x2(a0, a1, b0, b1, from, to, out);
  }

  /**
   * out[i] = Σ_t weights_t·rows_t[i] for i in [from, to), added task by task (multiply, then add: the bits of
   * the plain loop out[i] += w_t·rows_t[i] after out[i] = w_0·rows_0[i]).
   */
  static void combine(double[] weights, double[][] rows, double[] out, int from, int to) {
    if (!VECTOR) {
      scalarCombine(weights, rows, out, from, to);
      return;
    }
    int i = Simd.combine(weights, rows, out, from, to);
    for (; i < to; i++) {
      double s = weights[0] * rows[0][i];
      for (int t = 1; t < rows.length; t++) {
        s += weights[t] * rows[t][i];
      }
      out[i] = s;
    }
  }

  /** Task by task over chunks of 2048 elements, so that C2 vectorises each pass and out stays in cache. */
  private static void scalarCombine(double[] weights, double[][] rows, double[] out, int from, int to) {
    for (int start = from; start < to; start += 2048) {
      int end = Math.min(to, start + 2048);
      double w0 = weights[0];
      double[] r0 = rows[0];
      for (int i = start; i < end; i++) {
        out[i] = w0 * r0[i];
      }
      for (int t = 1; t < rows.length; t++) {
        double w = weights[t];
        double[] row = rows[t];
        for (int i = start; i < end; i++) {
          out[i] += w * row[i];
        }
      }
    }
  }

  /** Left to right. */
  static double scalarDot(double[] a, double[] b, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** Holds the species; initialised on the first call, i.e. only when the module is present. */
  private static final class Simd {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();

    static double dot(double[] a, double[] b, int from, int to) {
      DoubleVector acc = DoubleVector.zero(SPECIES);
      int bound = from + SPECIES.loopBound(to - from);
      for (int i = from; i < bound; i += L) {
        acc = DoubleVector.fromArray(SPECIES, a, i).fma(DoubleVector.fromArray(SPECIES, b, i), acc);
      }
      double[] lanes = new double[L];
      acc.intoArray(lanes, 0);
      return tail(a, b, bound, to, sum(lanes, 0));
    }

    static void dot1x4(double[] a, double[] b0, double[] b1, double[] b2, double[] b3, int from, int to,
        double[] out) {
      DoubleVector acc0 = DoubleVector.zero(SPECIES);
      DoubleVector acc1 = acc0;
      DoubleVector acc2 = acc0;
      DoubleVector acc3 = acc0;
      int bound = from + SPECIES.loopBound(to - from);
      for (int i = from; i < bound; i += L) {
        DoubleVector x = DoubleVector.fromArray(SPECIES, a, i);
        acc0 = x.fma(DoubleVector.fromArray(SPECIES, b0, i), acc0);
        acc1 = x.fma(DoubleVector.fromArray(SPECIES, b1, i), acc1);
        acc2 = x.fma(DoubleVector.fromArray(SPECIES, b2, i), acc2);
        acc3 = x.fma(DoubleVector.fromArray(SPECIES, b3, i), acc3);
      }
      double[] lanes = new double[4 * L];
      acc0.intoArray(lanes, 0);
      acc1.intoArray(lanes, L);
      acc2.intoArray(lanes, 2 * L);
      acc3.intoArray(lanes, 3 * L);
      out[0] += tail(a, b0, bound, to, sum(lanes, 0));
      out[1] += tail(a, b1, bound, to, sum(lanes, L));
      out[2] += tail(a, b2, bound, to, sum(lanes, 2 * L));
      out[3] += tail(a, b3, bound, to, sum(lanes, 3 * L));
    }

    static void dot2x2(double[] a0, double[] a1, double[] b0, double[] b1, int from, int to, double[] out) {
      DoubleVector c0 = DoubleVector.zero(SPECIES);
      DoubleVector c1 = c0;
      DoubleVector d0 = c0;
      DoubleVector d1 = c0;
      int bound = from + SPECIES.loopBound(to - from);
      for (int i = from; i < bound; i += L) {
        DoubleVector x = DoubleVector.fromArray(SPECIES, a0, i);
        DoubleVector y = DoubleVector.fromArray(SPECIES, a1, i);
        DoubleVector v = DoubleVector.fromArray(SPECIES, b0, i);
        c0 = x.fma(v, c0);
        d0 = y.fma(v, d0);
        v = DoubleVector.fromArray(SPECIES, b1, i);
        c1 = x.fma(v, c1);
        d1 = y.fma(v, d1);
      }
      double[] lanes = new double[4 * L];
      c0.intoArray(lanes, 0);
      c1.intoArray(lanes, L);
      d0.intoArray(lanes, 2 * L);
      d1.intoArray(lanes, 3 * L);
      out[0] += tail(a0, b0, bound, to, sum(lanes, 0));
      out[1] += tail(a0, b1, bound, to, sum(lanes, L));
      out[4] += tail(a1, b0, bound, to, sum(lanes, 2 * L));
      out[5] += tail(a1, b1, bound, to, sum(lanes, 3 * L));
    }

    /** The whole vectors of {@link DotKernels#combine}, one store per vector; returns where the tail starts. */
    static int combine(double[] weights, double[][] rows, double[] out, int from, int to) {
      int tasks = rows.length;
      int bound = from + SPECIES.loopBound(to - from);
      for (int i = from; i < bound; i += L) {
        DoubleVector s = DoubleVector.fromArray(SPECIES, rows[0], i).mul(weights[0]);
        for (int t = 1; t < tasks; t++) {
          s = s.add(DoubleVector.fromArray(SPECIES, rows[t], i).mul(weights[t]));
        }
        s.intoArray(out, i);
      }
      return bound;
    }

    private static double sum(double[] lanes, int offset) {
      double s = 0;
      for (int l = 0; l < L; l++) {
        s += lanes[offset + l];
      }
      return s;
    }

    private static double tail(double[] a, double[] b, int from, int to, double s) {
      for (int i = from; i < to; i++) {
        s += a[i] * b[i];
      }
      return s;
    }
  }
}
