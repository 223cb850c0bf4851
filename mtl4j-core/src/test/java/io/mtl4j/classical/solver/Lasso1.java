package io.mtl4j.classical.solver;

import java.util.SplittableRandom;

/** Test problem: ½||A x − b||² + λ||x||₁ with a seeded random A [m, n]. */
final class Lasso1 implements ProximalProblem {
  final int m;
  final int n;
  final double[] a;
  final double[] b;
  final double lambda;

  Lasso1(long seed, int m, int n, double lambda) {
    SplittableRandom rng = new SplittableRandom(seed);
    this.m = m;
    this.n = n;
    this.a = new double[m * n];
    this.b = new double[m];
    for (int i = 0; i < a.length; i++) a[i] = rng.nextGaussian();
    for (int i = 0; i < m; i++) b[i] = 3 * rng.nextGaussian();
    this.lambda = lambda;
  }

  @Override
  public int dimension() {
    return n;
  }

  @Override
  public double smooth(double[] x, double[] grad) {
    double f = 0;
    if (grad != null) java.util.Arrays.fill(grad, 0);
    for (int i = 0; i < m; i++) {
      double r = -b[i];
      for (int j = 0; j < n; j++) r += a[i * n + j] * x[j];
      f += 0.5 * r * r;
      if (grad != null) for (int j = 0; j < n; j++) grad[j] += r * a[i * n + j];
    }
    return f;
  }

  @Override
  public double prox(double[] v, double step, double[] out) {
    return lambda * Prox.l1(v, step * lambda, out, 0, n);
  }

  @Override
  public double penalty(double[] x) {
    double s = 0;
    for (double v : x) s += Math.abs(v);
    return lambda * s;
  }

  @Override
  public double lipschitzEstimate() {
    return 1.0;
  }

  @Override
  public boolean quadratic() {
    return true;
  }
}
