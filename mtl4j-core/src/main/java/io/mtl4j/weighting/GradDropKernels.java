package io.mtl4j.weighting;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * GradDrop's element-wise loops. Their comparisons depend on random signs and draws, so as plain loops they
 * branch unpredictably; with the JDK Vector API they become lane masks. Every lane does exactly the scalar
 * arithmetic (a multiply, then an add; no fused multiply-add, no reordering), so both paths give the same bits.
 */
final class GradDropKernels {
  /** Checked without touching the vector fields, so a JVM without the module never loads them. */
  private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
      && !"false".equals(System.getProperty("mtl4j.vector"));

  private GradDropKernels() {}

  /** acc[r] += g[off + r]·signum(rep[off + r]) for r &lt; n. */
  static void addSigned(double[] g, double[] rep, int off, double[] acc, int n) {
    int r = VECTOR ? Simd.addSigned(g, rep, off, acc, n) : 0;
    for (; r < n; r++) {
      acc[r] += g[off + r] * Math.signum(rep[off + r]);
    }
  }

  /**
   * Per column r, with purity P_r and draw u_r: factor[t][r] = kept when (P_r &gt; u_r and v &gt; 0) or
   * (P_r &lt; u_r and v &lt; 0) for v = values[t][r], else dropped. factor may be values (in place).
   */
  static void keepFactors(double[] purity, double[] u, double[][] values, double kept, double dropped,
      double[][] factor, int n) {
    for (int t = 0; t < values.length; t++) {
      double[] v = values[t];
      double[] f = factor[t];
      int r = VECTOR ? Simd.keepFactors(purity, u, v, kept, dropped, f, n) : 0;
      for (; r < n; r++) {
        boolean keep = (purity[r] > u[r] && v[r] > 0.0) || (purity[r] < u[r] && v[r] < 0.0);
        f[r] = keep ? kept : dropped;
      }
    }
  }

  /** Holds the species; initialised on the first call, i.e. only when the module is present. */
  private static final class Simd {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    /** The whole vectors of {@link GradDropKernels#addSigned}; returns where the scalar tail starts. */
    static int addSigned(double[] g, double[] rep, int off, double[] acc, int n) {
      DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
      DoubleVector minusOne = DoubleVector.broadcast(SPECIES, -1.0);
      int r = 0;
      for (int bound = SPECIES.loopBound(n); r < bound; r += SPECIES.length()) {
        DoubleVector x = DoubleVector.fromArray(SPECIES, rep, off + r);
        // Math.signum: ±1 for non-zero numbers, the value itself for ±0 and NaN
        DoubleVector sign = x.blend(one, x.compare(VectorOperators.GT, 0.0))
            .blend(minusOne, x.compare(VectorOperators.LT, 0.0));
        DoubleVector product = DoubleVector.fromArray(SPECIES, g, off + r).mul(sign);
        DoubleVector.fromArray(SPECIES, acc, r).add(product).intoArray(acc, r);
      }
      return r;
    }

    /** The whole vectors of {@link GradDropKernels#keepFactors} for one task; returns where the tail starts. */
    static int keepFactors(double[] purity, double[] u, double[] v, double kept, double dropped, double[] f, int n) {
      DoubleVector keptV = DoubleVector.broadcast(SPECIES, kept);
      DoubleVector droppedV = DoubleVector.broadcast(SPECIES, dropped);
      int r = 0;
      for (int bound = SPECIES.loopBound(n); r < bound; r += SPECIES.length()) {
        DoubleVector p = DoubleVector.fromArray(SPECIES, purity, r);
        DoubleVector d = DoubleVector.fromArray(SPECIES, u, r);
        DoubleVector x = DoubleVector.fromArray(SPECIES, v, r);
        VectorMask<Double> positive = p.compare(VectorOperators.GT, d).and(x.compare(VectorOperators.GT, 0.0));
        VectorMask<Double> negative = p.compare(VectorOperators.LT, d).and(x.compare(VectorOperators.LT, 0.0));
        droppedV.blend(keptV, positive.or(negative)).intoArray(f, r);
      }
      return r;
    }
  }
}
