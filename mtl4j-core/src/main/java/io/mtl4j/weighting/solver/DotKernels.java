package io.mtl4j.weighting.solver;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products of double ranges with independent partial sums, so the loop is not bound by the latency of one
 * addition chain. The order of the additions is fixed for a given JVM (vector width and whether the
 * {@code jdk.incubator.vector} module is present), so results repeat bit for bit from run to run; lanes are
 * summed in index order, never with {@code reduceLanes}, whose order is unspecified.
 */
final class DotKernels {
  /** Checked without touching the vector fields, so a JVM without the module never loads them. */
  static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
      && !"false".equals(System.getProperty("mtl4j.vector"));

  private DotKernels() {}

  /** Below this length a dot product is one plain left-to-right sum (the T-sized vectors of the solvers). */
  static final int SHORT = 64;

  /** Σ_{i in [from, to)} a[i]·b[i]. */
  static double dot(double[] a, double[] b, int from, int to) {
    if (to - from < SHORT) {
      double s = 0;
      for (int i = from; i < to; i++) {
        s += a[i] * b[i];
      }
      return s;
    }
    return VECTOR ? Simd.dot(a, b, from, to) : scalarDot(a, b, from, to);
  }

  /** Four interleaved partial sums, added in a fixed order. */
  static double scalarDot(double[] a, double[] b, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = from;
    for (int bound = to - 3; i < bound; i += 4) {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
      s2 += a[i + 2] * b[i + 2];
      s3 += a[i + 3] * b[i + 3];
    }
    for (; i < to; i++) {
      s0 += a[i] * b[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Holds the species; initialised on the first call, i.e. only when the module is present. */
  private static final class Simd {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();

    /** Four vector accumulators (FMA), combined lane-wise, then the lanes in index order; a scalar tail. */
    static double dot(double[] a, double[] b, int from, int to) {
      DoubleVector acc0 = DoubleVector.zero(SPECIES);
      DoubleVector acc1 = acc0;
      DoubleVector acc2 = acc0;
      DoubleVector acc3 = acc0;
      int i = from;
      for (int bound = to - 4 * L; i <= bound; i += 4 * L) {
        acc0 = DoubleVector.fromArray(SPECIES, a, i).fma(DoubleVector.fromArray(SPECIES, b, i), acc0);
        acc1 = DoubleVector.fromArray(SPECIES, a, i + L).fma(DoubleVector.fromArray(SPECIES, b, i + L), acc1);
        acc2 = DoubleVector.fromArray(SPECIES, a, i + 2 * L).fma(DoubleVector.fromArray(SPECIES, b, i + 2 * L), acc2);
        acc3 = DoubleVector.fromArray(SPECIES, a, i + 3 * L).fma(DoubleVector.fromArray(SPECIES, b, i + 3 * L), acc3);
      }
      double s = 0;
      if (i > from) {
        double[] lanes = acc0.add(acc1).add(acc2.add(acc3)).toArray();
        for (double v : lanes) {
          s += v;
        }
      }
      for (; i < to; i++) {
        s += a[i] * b[i];
      }
      return s;
    }
  }
}
