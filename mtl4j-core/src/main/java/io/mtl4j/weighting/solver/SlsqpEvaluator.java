package io.mtl4j.weighting.solver;

import static io.mtl4j.weighting.solver.Nnls.at;

import java.util.function.Function;

/**
 * The evaluations {@link Slsqp} makes of its problem, as scipy performs them: f and the constraints at x clipped to
 * the bounds, forward-difference gradients and constraint normals (scipy's approx_derivative with an absolute step),
 * and the count of f evaluations (scipy's nfev). Also holds the factor f is divided by on badly scaled problems.
 */
final class SlsqpEvaluator {
  /** Largest |∂f/∂x_i| at the start that the QP subproblem takes unscaled; see {@link #scaleObjective}. */
  private static final double GRADIENT_LIMIT = 1e5;

  private final Slsqp.Problem problem;
  private final double epsilon;
  private final int n;
  private final int m;
  private final int la;
  private final double[] lowerFinite;
  private final double[] upperFinite;
  private int evaluations;
  /** f is divided by this in every evaluation; see {@link #scaleObjective}. */
  private double objectiveScale = 1;

  /** @param m number of constraints, equalities and inequalities */
  SlsqpEvaluator(Slsqp.Problem problem, double epsilon, int m) {
    this.problem = problem;
    this.epsilon = epsilon;
    this.n = problem.lower().length;
    this.m = m;
    this.la = Math.max(1, m);
    this.lowerFinite = new double[n];
    this.upperFinite = new double[n];
    for (int i = 0; i < n; i++) {
      lowerFinite[i] = Double.isFinite(problem.lower()[i]) ? problem.lower()[i] : Double.NEGATIVE_INFINITY;
      upperFinite[i] = Double.isFinite(problem.upper()[i]) ? problem.upper()[i] : Double.POSITIVE_INFINITY;
    }
  }

  /** Evaluations of f so far, including those for differences. */
  int evaluations() {
    return evaluations;
  }

  /** f as the caller defined it, from a value of the (possibly scaled) f that SLSQP works on. */
  double unscaled(double f) {
    return f * objectiveScale;
  }

  /**
   * Divides f (and g) by ‖g(x0)‖∞ / GRADIENT_LIMIT when the start gradient is larger, and returns the scaled f.
   * The first QP step is -g clipped to the bounds (B = I), and Kraft's QP solver reaches it through a least-distance
   * problem offset by that -g: the step keeps only about 16 - 2·log10‖g‖ digits. With ‖g‖ ~ 1e7 (CAGrad with one
   * gradient x1000) that is noise, and SLSQP (scipy's too) stops at the start or goes astray at random. SLSQP is not
   * invariant to scaling f, so ordinary problems (‖g‖ ≤ 1e5, all of LibMTL's public cases) are left as they are,
   * keeping scipy's iterates; past the limit the scale grows continuously with ‖g‖.
   */
  double scaleObjective(double f, double[] g) {
    double largest = 0;
    for (int i = 0; i < n; i++) {
      largest = Math.max(largest, Math.abs(g[i]));
    }
    if (!(largest > GRADIENT_LIMIT) || Double.isInfinite(largest)) {
      return f;
    }
    objectiveScale = largest / GRADIENT_LIMIT;
    for (int i = 0; i < n; i++) {
      g[i] /= objectiveScale;
    }
    return f / objectiveScale;
  }

  double objective(double[] x) {
    evaluations++;
    return problem.objective().applyAsDouble(clip(x)) / objectiveScale;
  }

  /** c = (equalities, inequalities) at x, length max(1, m). */
  double[] constraints(double[] x) {
    return stacked(x, la);
  }

  /** Equalities then inequalities at x, in an array of {@code length} (zero-padded). */
  private double[] stacked(double[] x, int length) {
    double[] eq = problem.equalities().apply(x);
    double[] in = problem.inequalities().apply(x);
    double[] c = new double[length];
    System.arraycopy(eq, 0, c, 0, eq.length);
    System.arraycopy(in, 0, c, eq.length, in.length);
    return c;
  }

  /** Forward-difference gradient at the clipped x, with g[n] = 0 for the augmented variable. */
  double[] gradient(double[] x, double fx) {
    double[] xc = clip(x);
    double[] g = new double[n + 1];
    double[][] jac = differences(xc, new double[] {fx}, p -> {
      evaluations++;
      return new double[] {problem.objective().applyAsDouble(p) / objectiveScale};
    });
    for (int i = 0; i < n; i++) {
      g[i] = jac[i][0];
    }
    return g;
  }

  /** Constraint normals [la, n+1] (flat column-major, last column zero) by forward differences. */
  double[] normals(double[] x) {
    double[] xc = clip(x);
    double[] a = new double[la * (n + 1)];
    if (m == 0) {
      return a;
    }
    Function<double[], double[]> all = p -> stacked(p, m);
    double[][] jac = differences(xc, all.apply(xc), all);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        a[at(j + 1, i + 1, la)] = jac[i][j];
      }
    }
    return a;
  }

  /**
   * Two-point differences with absolute step ε, as scipy's approx_derivative: the step is flipped where x + ε
   * leaves the bounds (or shrunk to the room left), and dx is recomputed as the exactly representable difference.
   * Returns J transposed, [n][outputs].
   */
  private double[][] differences(double[] x0, double[] f0, Function<double[], double[]> fun) {
    double[][] jt = new double[n][];
    boolean bounded = false;
    for (int i = 0; i < n; i++) {
      bounded |= lowerFinite[i] != Double.NEGATIVE_INFINITY || upperFinite[i] != Double.POSITIVE_INFINITY;
    }
    for (int i = 0; i < n; i++) {
      double h = epsilon;
      if ((x0[i] + h) - x0[i] == 0) {
        h = Math.ulp(1.0) * (x0[i] >= 0 ? 1 : -1) * Math.max(1.0, Math.abs(x0[i]));
      }
      if (bounded) {
        double lowerDist = x0[i] - lowerFinite[i];
        double upperDist = upperFinite[i] - x0[i];
        double xh = x0[i] + h;
        boolean violated = xh < lowerFinite[i] || xh > upperFinite[i];
        boolean fitting = Math.abs(h) <= Math.max(lowerDist, upperDist);
        if (violated && fitting) {
          h = -h;
        } else if (!fitting) {
          h = upperDist >= lowerDist ? upperDist : -lowerDist;
        }
      }
      double[] xp = x0.clone();
      xp[i] = x0[i] + h;
      double dx = xp[i] - x0[i];
      double[] fp = fun.apply(xp);
      jt[i] = new double[fp.length];
      for (int k = 0; k < fp.length; k++) {
        jt[i][k] = (fp[k] - f0[k]) / dx;
      }
    }
    return jt;
  }

  private double[] clip(double[] x) {
    double[] out = x.clone();
    for (int i = 0; i < n; i++) {
      out[i] = Math.min(Math.max(out[i], lowerFinite[i]), upperFinite[i]);
    }
    return out;
  }
}
