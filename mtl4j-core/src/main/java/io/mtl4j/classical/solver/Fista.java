package io.mtl4j.classical.solver;

/**
 * Accelerated proximal gradient (FISTA, Beck &amp; Teboulle 2009) with backtracking, an adaptive step that may grow
 * again, and gradient-based adaptive restart (O'Donoghue &amp; Candès 2015).
 *
 * <p>Stopping is certified. After each step from the search point y to z = prox(y − ∇f(y)/L), the vector
 * r = L·(y − z) + ∇f(z) − ∇f(y) lies in ∇f(z) + ∂g(z), so ||r|| bounds the distance of 0 to the subdifferential
 * of the objective at z: the KKT residual. The run stops when ||r|| ≤ tolerance·(1 + ||∇f(0)||), or, with
 * {@link Criterion#DUALITY_GAP}, when the problem's duality gap at z is ≤ tolerance·gapScale.
 */
public final class Fista {
  private Fista() {}

  /** What "converged" means. */
  public enum Criterion { KKT_RESIDUAL, DUALITY_GAP }

  /**
   * @param tolerance    relative tolerance of the criterion, &gt; 0
   * @param maxIterations hard cap on iterations, ≥ 1 (a run that hits it reports converged = false)
   * @param criterion    the stopping certificate
   * @param stepGrowth   factor &lt;= 1 applied to L before each step so the step can grow back after a hard
   *                     region (1 = monotone backtracking)
   * @param restart      adaptive restart on/off
   */
  public record Options(double tolerance, int maxIterations, Criterion criterion, double stepGrowth,
                        boolean restart) {
    public Options {
      if (!(tolerance > 0)) throw new IllegalArgumentException("tolerance = " + tolerance + ": expected > 0");
      if (maxIterations < 1) {
        throw new IllegalArgumentException("maxIterations = " + maxIterations + ": expected >= 1");
      }
      if (criterion == null) throw new IllegalArgumentException("criterion: expected KKT_RESIDUAL or DUALITY_GAP");
      if (!(stepGrowth > 0 && stepGrowth <= 1)) {
        throw new IllegalArgumentException("stepGrowth = " + stepGrowth + ": expected 0 < stepGrowth <= 1");
      }
    }

    /** Relative KKT residual 1e-6, at most 100,000 iterations, L shrunk by 0.95 per step, restarts on. */
    public static Options defaults() {
      return new Options(1e-6, 100_000, Criterion.KKT_RESIDUAL, 0.95, true);
    }

    public Options withTolerance(double tol) {
      return new Options(tol, maxIterations, criterion, stepGrowth, restart);
    }

    public Options withMaxIterations(int max) {
      return new Options(tolerance, max, criterion, stepGrowth, restart);
    }

    public Options withCriterion(Criterion c) {
      return new Options(tolerance, maxIterations, c, stepGrowth, restart);
    }
  }

  /**
   * @param x          the solution
   * @param objective  f(x) + g(x)
   * @param residual   the final KKT residual ||r|| (absolute)
   * @param gap        the final duality gap (NaN unless the problem has one and it was asked for)
   * @param iterations steps taken
   * @param converged  whether the criterion was met before maxIterations
   */
  public record Result(double[] x, double objective, double residual, double gap, int iterations,
                       boolean converged) {}

  public static Result minimize(ProximalProblem problem, double[] x0, Options options) {
    int n = problem.dimension();
    if (x0.length != n) throw new IllegalArgumentException("x0: length " + x0.length + ", expected " + n);
    double[] zero = new double[n];
    double[] grad0 = new double[n];
    problem.smooth(zero, grad0);
    double kktScale = 1 + norm(grad0);
    boolean quadratic = problem.quadratic();
    boolean useGap = options.criterion() == Criterion.DUALITY_GAP;

    double[] x = x0.clone();
    double[] gx = new double[n];
    double fx = problem.smooth(x, gx);
    double[] y = x.clone();
    double[] gy = gx.clone();
    double fy = fx;
    double[] z = new double[n];
    double[] gz = new double[n];
    double[] v = new double[n];
    double gxPenalty = problem.penalty(x);
    double lip = Math.max(problem.lipschitzEstimate(), 1e-12);
    double t = 1;
    double residual = Double.NaN;
    double gap = Double.NaN;
    if (useGap) {
      gap = problem.dualityGap(x, gx, fx);
      if (gap <= options.tolerance() * problem.gapScale()) {
        return new Result(x, fx + gxPenalty, Double.NaN, gap, 0, true);
      }
    }
    for (int iter = 1; iter <= options.maxIterations(); iter++) {
      lip *= options.stepGrowth();
      double fz;
      double gz0;
      while (true) {
        for (int i = 0; i < n; i++) v[i] = y[i] - gy[i] / lip;
        gz0 = problem.prox(v, 1 / lip, z);
        fz = problem.smooth(z, gz);
        double dd = 0;
        double curvature = 0;
        for (int i = 0; i < n; i++) {
          double d = z[i] - y[i];
          dd += d * d;
          curvature += quadratic ? 0.5 * (gz[i] - gy[i]) * d : -gy[i] * d;
        }
        if (!quadratic) curvature += fz - fy;
        if (dd == 0 || curvature <= 0.5 * lip * dd * (1 + 1e-10)) break;
        lip *= 2;
      }
      residual = 0;
      for (int i = 0; i < n; i++) {
        double r = lip * (y[i] - z[i]) + gz[i] - gy[i];
        residual += r * r;
      }
      residual = Math.sqrt(residual);
      boolean done;
      if (useGap) {
        gap = problem.dualityGap(z, gz, fz);
        done = gap <= options.tolerance() * problem.gapScale();
      } else {
        done = residual <= options.tolerance() * kktScale;
      }
      if (done) return new Result(z.clone(), fz + gz0, residual, gap, iter, true);

      double momentumTest = 0;
      for (int i = 0; i < n; i++) momentumTest += (y[i] - z[i]) * (z[i] - x[i]);
      double tNext = 0.5 * (1 + Math.sqrt(1 + 4 * t * t));
      double beta = (t - 1) / tNext;
      if (options.restart() && momentumTest > 0) {
        tNext = 1;
        beta = 0;
      }
      if (beta == 0) {
        System.arraycopy(z, 0, y, 0, n);
        System.arraycopy(gz, 0, gy, 0, n);
        fy = fz;
      } else {
        for (int i = 0; i < n; i++) y[i] = z[i] + beta * (z[i] - x[i]);
        if (quadratic) {
          // ∇f is affine for a quadratic: ∇f(y) = ∇f(z) + β(∇f(z) − ∇f(x)), no evaluation needed.
          for (int i = 0; i < n; i++) gy[i] = gz[i] + beta * (gz[i] - gx[i]);
          fy = Double.NaN;
        } else {
          fy = problem.smooth(y, gy);
        }
      }
      System.arraycopy(z, 0, x, 0, n);
      System.arraycopy(gz, 0, gx, 0, n);
      fx = fz;
      gxPenalty = gz0;
      t = tNext;
    }
    return new Result(x, fx + gxPenalty, residual, gap, options.maxIterations(), false);
  }

  static double norm(double[] a) {
    double s = 0;
    for (double v : a) s += v * v;
    return Math.sqrt(s);
  }
}
