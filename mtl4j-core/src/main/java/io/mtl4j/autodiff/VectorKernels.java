package io.mtl4j.autodiff;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Hot loops with the JDK Vector API. C2 does not vectorise a float sum (its order is fixed by the language), nor a
 * loop over two arrays at different offsets ({@code y[yo + j] += a·x[xo + j]}: they might be one array), so these
 * run at scalar speed as plain loops. Loaded only when
 * {@link #AVAILABLE} says the {@code jdk.incubator.vector} module is present (the launcher and tests add it);
 * otherwise callers keep their scalar loop.
 */
final class VectorKernels {
  /** Checked without touching this class's vector fields, so a JVM without the module never loads them. */
  static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
      && !"false".equals(System.getProperty("mtl4j.vector"));

  private VectorKernels() {}

  /** Σ_j a[ao + j]·b[bo + j] for j < n. */
  static float dot(float[] a, int ao, float[] b, int bo, int n) {
    return Impl.dot(a, ao, b, bo, n);
  }

  /** y[yo + j] += a·x[xo + j] for j < n. */
  static void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
    Impl.axpy(a, x, xo, y, yo, n);
  }

  /** out[oo + j] = y[yo + j] > 0 ? g[go + j] : 0 for j < n (the ReLU's backward mask). */
  static void reluMask(float[] g, int go, float[] y, int yo, float[] out, int oo, int n) {
    Impl.reluMask(g, go, y, yo, out, oo, n);
  }

  /** Holds the species; initialised on the first call, i.e. only when the module is present. */
  private static final class Impl {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    static float dot(float[] a, int ao, float[] b, int bo, int n) {
      FloatVector acc = FloatVector.zero(SPECIES);
      int j = 0;
      for (int bound = SPECIES.loopBound(n); j < bound; j += SPECIES.length()) {
        acc = FloatVector.fromArray(SPECIES, a, ao + j).fma(FloatVector.fromArray(SPECIES, b, bo + j), acc);
      }
      float s = acc.reduceLanes(VectorOperators.ADD);
      for (; j < n; j++) s += a[ao + j] * b[bo + j];
      return s;
    }

    static void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
      FloatVector av = FloatVector.broadcast(SPECIES, a);
      int j = 0;
      for (int bound = SPECIES.loopBound(n); j < bound; j += SPECIES.length()) {
        FloatVector.fromArray(SPECIES, x, xo + j).fma(av, FloatVector.fromArray(SPECIES, y, yo + j)).intoArray(y, yo + j);
      }
      for (; j < n; j++) y[yo + j] += a * x[xo + j];
    }

    static void reluMask(float[] g, int go, float[] y, int yo, float[] out, int oo, int n) {
      FloatVector zero = FloatVector.zero(SPECIES);
      int j = 0;
      for (int bound = SPECIES.loopBound(n); j < bound; j += SPECIES.length()) {
        FloatVector yv = FloatVector.fromArray(SPECIES, y, yo + j);
        zero.blend(FloatVector.fromArray(SPECIES, g, go + j), yv.compare(VectorOperators.GT, 0f)).intoArray(out, oo + j);
      }
      for (; j < n; j++) out[oo + j] = y[yo + j] > 0f ? g[go + j] : 0f;
    }
  }
}
