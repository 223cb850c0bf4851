package io.mtl4j.weighting.solver;

import static io.mtl4j.weighting.solver.Nnls.at;

import java.util.Arrays;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Sequential least-squares quadratic programming (Kraft, "A Software Package for Sequential Quadratic
 * Programming", DFVLR-FB 88-28, 1988; ACM TOMS Alg. 733): minimise f(x) subject to c_j(x) = 0, c_j(x) ≥ 0 and
 * bounds, with gradients by forward differences.
 *
 * <p>It reproduces the algorithm as scipy.optimize.minimize(method='SLSQP') runs it (scipy ≤ 1.15, the Fortran
 * version), step for step: Han-Powell SQP with a damped BFGS update kept as LDLᵀ factors (Powell's modification,
 * Fletcher-Powell rank-one updates), QP subproblems solved as constrained least squares
 * ({@link ConstrainedLeastSquares}), an Armijo-type line search on the L1 merit function, up to five resets of
 * the quasi-Newton matrix when the search direction is not a descent direction, and forward-difference gradients
 * with absolute step √ε flipped to stay within the bounds. Matching the iterates, not only the optimum, matters
 * to callers that must agree with LibMTL (CAGrad), including where SLSQP stops early.
 */
public final class Slsqp {

  /**
   * @param ftol          precision goal on f for the stopping test (scipy's ftol, "acc"), absolute as in scipy; on
   *                      f scaled down when its start gradient is very large (see scaleObjective); default 1e-6
   * @param maxIterations iteration limit (scipy's maxiter; as in scipy, at most maxIterations - 1 are taken);
   *                      default 100
   * @param epsilon       absolute forward-difference step; default √(machine epsilon)
   */
  public record Options(double ftol, int maxIterations, double epsilon) {
    public static final Options DEFAULTS = new Options(1e-6, 100, Math.sqrt(Math.ulp(1.0)));

    public Options {
      if (!(ftol > 0) || Double.isInfinite(ftol)) {
        throw new IllegalArgumentException("ftol: " + ftol + "; expected a finite value > 0");
      }
      if (maxIterations < 1) {
        throw new IllegalArgumentException("maxIterations: " + maxIterations + "; expected >= 1");
      }
      if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
        throw new IllegalArgumentException("epsilon: " + epsilon + "; expected a finite value > 0");
      }
    }
  }

  /** Exit status, with scipy's codes and messages. */
  public enum Status {
    SUCCESS(0, "Optimization terminated successfully"),
    TOO_MANY_EQUALITIES(2, "More equality constraints than independent variables"),
    LSQ_ITERATIONS(3, "More than 3*n iterations in LSQ subproblem"),
    INCOMPATIBLE(4, "Inequality constraints incompatible"),
    SINGULAR_E(5, "Singular matrix E in LSQ subproblem"),
    SINGULAR_C(6, "Singular matrix C in LSQ subproblem"),
    RANK_DEFICIENT(7, "Rank-deficient equality constraint subproblem HFTI"),
    POSITIVE_DIRECTIONAL_DERIVATIVE(8, "Positive directional derivative for linesearch"),
    ITERATION_LIMIT(9, "Iteration limit reached");

    private final int code;
    private final String message;

    Status(int code, String message) {
      this.code = code;
      this.message = message;
    }

    public int code() {
      return code;
    }

    public String message() {
      return message;
    }

    static Status of(int code) {
      for (Status s : values()) {
        if (s.code == code) {
          return s;
        }
      }
      throw new IllegalStateException("unknown SLSQP mode " + code);
    }
  }

  /**
   * @param x           the final iterate
   * @param value       f at x
   * @param iterations  major iterations (scipy's nit)
   * @param evaluations evaluations of f, including those for differences (scipy's nfev)
   */
  public record Result(double[] x, double value, int iterations, int evaluations, Status status) {
    public boolean success() {
      return status == Status.SUCCESS;
    }
  }

  /**
   * The problem: objective, equality constraints c_eq(x) = 0 and inequality constraints c_in(x) ≥ 0 (either may
   * return an empty array), and bounds (NaN or infinite entries mean no bound).
   */
  public record Problem(ToDoubleFunction<double[]> objective, Function<double[], double[]> equalities,
      Function<double[], double[]> inequalities, double[] lower, double[] upper) {
    public Problem {
      if (lower.length != upper.length) {
        throw new IllegalArgumentException("bounds: lower has " + lower.length + " entries, upper "
            + upper.length + "; expected the same length");
      }
    }
  }

  private static final double ALPHA_MIN = 0.1;
  private static final double AUGMENTED_WEIGHT = 100;
  private static final int MAX_RESETS = 5;
  private static final int MAX_INCONSISTENT = 5;
  private static final int MAX_LINE_STEPS = 10;
  /** Largest |∂f/∂x_i| at the start that the QP subproblem takes unscaled; see {@link #scaleObjective}. */
  private static final double GRADIENT_LIMIT = 1e5;

  private final Problem problem;
  private final Options options;
  private final int n;
  private final int meq;
  private final int m;
  private final int la;
  private final double[] lowerFinite;
  private final double[] upperFinite;
  private int evaluations;
  /** f is divided by this in every evaluation; see {@link #scaleObjective}. */
  private double objectiveScale = 1;

  private Slsqp(Problem problem, Options options, int meq, int mineq) {
    this.problem = problem;
    this.options = options;
    this.n = problem.lower().length;
    this.meq = meq;
    this.m = meq + mineq;
    this.la = Math.max(1, m);
    this.lowerFinite = new double[n];
    this.upperFinite = new double[n];
    for (int i = 0; i < n; i++) {
      lowerFinite[i] = Double.isFinite(problem.lower()[i]) ? problem.lower()[i] : Double.NEGATIVE_INFINITY;
      upperFinite[i] = Double.isFinite(problem.upper()[i]) ? problem.upper()[i] : Double.POSITIVE_INFINITY;
    }
  }

  /** Minimises the problem from x0 (clipped to the bounds first, as scipy does). */
  public static Result minimize(Problem problem, double[] x0, Options options) {
    if (x0.length != problem.lower().length) {
      throw new IllegalArgumentException("x0: " + x0.length + " entries; the bounds have "
          + problem.lower().length);
    }
    double[] x = x0.clone();
    for (int i = 0; i < x.length; i++) {
      double lo = problem.lower()[i];
      double hi = problem.upper()[i];
      if (Double.isFinite(lo) && x[i] < lo) {
        x[i] = lo;
      }
      if (Double.isFinite(hi) && x[i] > hi) {
        x[i] = hi;
      }
    }
    int meq = problem.equalities().apply(x).length;
    int mineq = problem.inequalities().apply(x).length;
    boolean bounded = false;
    for (int i = 0; i < x.length; i++) {
      bounded |= Double.isFinite(problem.lower()[i]) || Double.isFinite(problem.upper()[i]);
    }
    if (!bounded && mineq == 0) {
      // Such QP subproblems go through Lawson & Hanson's HFTI in Kraft's code, which is not ported.
      throw new IllegalArgumentException("problem: needs a finite bound or an inequality constraint; "
          + "got neither (equality-only problems are not supported)");
    }
    return new Slsqp(problem, options, meq, mineq).run(x);
  }

  private Result run(double[] x) {
    int n1 = n + 1;
    int n3 = n1 * n / 2 + 1;
    double[] xl = new double[n1];
    double[] xu = new double[n1];
    for (int i = 0; i < n; i++) {
      xl[i] = Double.isFinite(problem.lower()[i]) ? problem.lower()[i] : Double.NaN;
      xu[i] = Double.isFinite(problem.upper()[i]) ? problem.upper()[i] : Double.NaN;
    }
    double f = objective(x);
    double[] g = gradient(x, f);
    f = scaleObjective(f, g);
    double[] c = constraints(x);
    double[] a = normals(x);

    double acc = options.ftol();
    double tol = 10 * acc;
    int itermx = options.maxIterations() - 1;
    int iter = 0;
    int ireset = 0;
    double[] ldl = new double[(n + 1) * (n + 2) / 2 + 1];
    double[] mu = new double[la];
    double[] s = new double[n1];
    double[] u = new double[n1];
    double[] v = new double[n1];
    double[] r = new double[m + n + n + 2];
    double[] x0 = new double[n];
    double f0 = 0;
    boolean reset = true;
    boolean badlin = false;

    while (true) {
      if (reset) {
        ireset++;
        if (ireset > MAX_RESETS) {
          // Relaxed convergence test after repeated non-descent directions.
          double violation = violation(c);
          boolean done = (Math.abs(f - f0) < tol || norm(s, n) < tol) && violation < tol && !badlin;
          return result(x, f, iter, done ? Status.SUCCESS : Status.POSITIVE_DIRECTIONAL_DERIVATIVE);
        }
        identity(ldl);
        reset = false;
      }
      iter++;
      if (iter > itermx) {
        return result(x, f, iter, Status.ITERATION_LIMIT);
      }
      for (int i = 0; i < n; i++) {
        u[i] = xl[i] - x[i];
        v[i] = xu[i] - x[i];
      }
      double h4 = 1;
      ConstrainedLeastSquares.Result qp =
          ConstrainedLeastSquares.lsq(m, meq, n, n3, la, ldl, g, a, c, u, v);
      int mode = qp.mode();
      badlin = false;
      if (mode == ConstrainedLeastSquares.SINGULAR_C && n == meq) {
        mode = ConstrainedLeastSquares.INCOMPATIBLE;
      }
      if (mode == ConstrainedLeastSquares.INCOMPATIBLE) {
        // Inconsistent linearisation: relax the constraints with one extra variable, weighted ever more heavily.
        badlin = true;
        for (int j = 1; j <= m; j++) {
          a[at(j, n1, la)] = j <= meq ? -c[j - 1] : Math.max(-c[j - 1], 0);
        }
        g[n] = 0;
        ldl[n3 - 1] = AUGMENTED_WEIGHT;
        u[n] = 0;
        v[n] = 1;
        int incons = 0;
        while (true) {
          qp = ConstrainedLeastSquares.lsq(m, meq, n1, n3, la, ldl, g, a, c, u, v);
          mode = qp.mode();
          h4 = 1 - qp.x()[n];
          if (mode == ConstrainedLeastSquares.INCOMPATIBLE) {
            ldl[n3 - 1] *= 10;
            incons++;
            if (incons > MAX_INCONSISTENT) {
              return result(x, f, iter, Status.INCOMPATIBLE);
            }
            continue;
          }
          break;
        }
      }
      if (mode != ConstrainedLeastSquares.OK) {
        return result(x, f, iter, Status.of(mode));
      }
      System.arraycopy(qp.x(), 0, s, 0, qp.x().length);
      System.arraycopy(qp.multipliers(), 0, r, 0, Math.min(r.length, qp.multipliers().length));

      // Multipliers for the L1 test.
      for (int i = 1; i <= n; i++) {
        v[i - 1] = g[i - 1] - columnDot(a, i, r);
      }
      f0 = f;
      System.arraycopy(x, 0, x0, 0, n);
      double gs = dot(g, s, n);
      double h1 = Math.abs(gs);
      double h2 = 0;
      for (int j = 1; j <= m; j++) {
        double h3 = j <= meq ? c[j - 1] : 0;
        h2 += Math.max(-c[j - 1], h3);
        h3 = Math.abs(r[j - 1]);
        mu[j - 1] = Math.max(h3, (mu[j - 1] + h3) / 2);
        h1 += h3 * Math.abs(c[j - 1]);
      }
      if (h1 < acc && h2 < acc && !badlin) {
        return result(x, f, iter, Status.SUCCESS);
      }
      h1 = penalty(mu, c);
      double t0 = f + h1;
      double h3 = gs - h1 * h4;
      if (h3 >= 0) {
        reset = true;
        continue;
      }

      // Inexact line search on the L1 merit function.
      int line = 0;
      double alpha = 1;
      while (true) {
        line++;
        h3 = alpha * h3;
        for (int i = 0; i < n; i++) {
          s[i] *= alpha;
          x[i] = x0[i] + s[i];
        }
        f = objective(x);
        c = constraints(x);
        h1 = f + penalty(mu, c) - t0;
        if (h1 <= h3 / 10 || line > MAX_LINE_STEPS) {
          break;
        }
        alpha = Math.max(h3 / (2 * (h3 - h1)), ALPHA_MIN);
      }
      badlin = false;
      if ((Math.abs(f - f0) < acc || norm(s, n) < acc) && violation(c) < acc) {
        return result(x, f, iter, Status.SUCCESS);
      }
      g = gradient(x, f);
      a = normals(x);
      reset = !updateBfgs(ldl, g, a, r, v, s, u);
    }
  }

  /**
   * Divides f (and g) by ‖g(x0)‖∞ / GRADIENT_LIMIT when the start gradient is larger, and returns the scaled f.
   * The first QP step is -g clipped to the bounds (B = I), and Kraft's QP solver reaches it through a least-distance
   * problem offset by that -g: the step keeps only about 16 - 2·log10‖g‖ digits. With ‖g‖ ~ 1e7 (CAGrad with one
   * gradient x1000) that is noise, and SLSQP (scipy's too) stops at the start or goes astray at random. SLSQP is not
   * invariant to scaling f, so ordinary problems (‖g‖ ≤ 1e5, all of LibMTL's public cases) are left as they are,
   * keeping scipy's iterates; past the limit the scale grows continuously with ‖g‖.
   */
  private double scaleObjective(double f, double[] g) {
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

  /**
   * Powell-damped BFGS update of B = L D Lᵀ with the step s and the change of the Lagrangian gradient
   * (Kraft 1988, Eq. 2.10); returns false when the update would be singular and B must be reset.
   */
  private boolean updateBfgs(double[] ldl, double[] g, double[] a, double[] r, double[] gradLagrangianOld,
      double[] s, double[] u) {
    for (int i = 1; i <= n; i++) {
      u[i - 1] = g[i - 1] - columnDot(a, i, r) - gradLagrangianOld[i - 1];
    }
    double[] v = gradLagrangianOld;
    int n1 = n + 1;
    int k = 0;
    for (int i = 1; i <= n; i++) {
      double h1 = 0;
      k++;
      for (int j = i + 1; j <= n; j++) {
        k++;
        h1 += ldl[k - 1] * s[j - 1];
      }
      v[i - 1] = s[i - 1] + h1;
    }
    k = 1;
    for (int i = 1; i <= n; i++) {
      v[i - 1] = ldl[k - 1] * v[i - 1];
      k += n1 - i;
    }
    for (int i = n; i >= 1; i--) {
      double h1 = 0;
      k = i;
      for (int j = 1; j <= i - 1; j++) {
        h1 += ldl[k - 1] * v[j - 1];
        k += n - j;
      }
      v[i - 1] += h1;
    }
    double h1 = dot(s, u, n);
    double h2 = dot(s, v, n);
    double h3 = 0.2 * h2;
    if (h1 < h3) {
      double h4 = (h2 - h3) / (h2 - h1);
      h1 = h3;
      for (int i = 0; i < n; i++) {
        u[i] = h4 * u[i] + (1 - h4) * v[i];
      }
    }
    if (h1 == 0 || h2 == 0) {
      return false;
    }
    rankOneUpdate(ldl, u, 1 / h1, v);
    rankOneUpdate(ldl, v, -1 / h2, u);
    return true;
  }

  /**
   * LDLᵀ ← LDLᵀ + σ z zᵀ on the packed factors, by Fletcher &amp; Powell's method (Math. Comp. 28, 1974);
   * z is overwritten, w is workspace.
   */
  static void rankOneUpdate(double[] ldl, double[] z, double sigma, double[] w) {
    int n = z.length - 1;
    final double epmach = 2.22e-16;
    if (sigma == 0) {
      return;
    }
    int ij = 1;
    double t = 1 / sigma;
    if (sigma < 0) {
      System.arraycopy(z, 0, w, 0, n);
      for (int i = 1; i <= n; i++) {
        double v = w[i - 1];
        t += v * v / ldl[ij - 1];
        for (int j = i + 1; j <= n; j++) {
          ij++;
          w[j - 1] -= v * ldl[ij - 1];
        }
        ij++;
      }
      if (t >= 0) {
        t = epmach / sigma;
      }
      for (int i = 1; i <= n; i++) {
        int j = n + 1 - i;
        ij -= i;
        double u = w[j - 1];
        w[j - 1] = t;
        t -= u * u / ldl[ij - 1];
      }
    }
    for (int i = 1; i <= n; i++) {
      double v = z[i - 1];
      double delta = v / ldl[ij - 1];
      double tp = sigma < 0 ? w[i - 1] : t + delta * v;
      double alpha = tp / t;
      ldl[ij - 1] = alpha * ldl[ij - 1];
      if (i == n) {
        return;
      }
      double beta = delta / tp;
      if (alpha > 4) {
        double gamma = t / tp;
        for (int j = i + 1; j <= n; j++) {
          ij++;
          double u = ldl[ij - 1];
          ldl[ij - 1] = gamma * u + beta * z[j - 1];
          z[j - 1] -= v * u;
        }
      } else {
        for (int j = i + 1; j <= n; j++) {
          ij++;
          z[j - 1] -= v * ldl[ij - 1];
          ldl[ij - 1] += beta * z[j - 1];
        }
      }
      ij++;
      t = tp;
    }
  }

  /** Packed identity: unit diagonal D, zero L. */
  private void identity(double[] ldl) {
    Arrays.fill(ldl, 0);
    int j = 1;
    for (int i = 1; i <= n; i++) {
      ldl[j - 1] = 1;
      j += n + 1 - i;
    }
  }

  private double penalty(double[] mu, double[] c) {
    double h = 0;
    for (int j = 1; j <= m; j++) {
      h += mu[j - 1] * Math.max(-c[j - 1], j <= meq ? c[j - 1] : 0);
    }
    return h;
  }

  private double violation(double[] c) {
    double h = 0;
    for (int j = 1; j <= m; j++) {
      h += Math.max(-c[j - 1], j <= meq ? c[j - 1] : 0);
    }
    return h;
  }

  /** Σ_j a(j, column)·r_j over the m constraints. */
  private double columnDot(double[] a, int column, double[] r) {
    double s = 0;
    for (int j = 1; j <= m; j++) {
      s += a[at(j, column, la)] * r[j - 1];
    }
    return s;
  }

  private Result result(double[] x, double f, int iterations, Status status) {
    return new Result(x.clone(), f * objectiveScale, iterations, evaluations, status);
  }

  // ---- evaluations, as scipy performs them ----

  private double objective(double[] x) {
    evaluations++;
    return problem.objective().applyAsDouble(clip(x)) / objectiveScale;
  }

  private double[] constraints(double[] x) {
    double[] eq = problem.equalities().apply(x);
    double[] in = problem.inequalities().apply(x);
    double[] c = new double[la];
    System.arraycopy(eq, 0, c, 0, eq.length);
    System.arraycopy(in, 0, c, eq.length, in.length);
    return c;
  }

  /** Forward-difference gradient at the clipped x, with g[n] = 0 for the augmented variable. */
  private double[] gradient(double[] x, double fx) {
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
  private double[] normals(double[] x) {
    double[] xc = clip(x);
    double[] a = new double[la * (n + 1)];
    if (m == 0) {
      return a;
    }
    Function<double[], double[]> all = p -> {
      double[] eq = problem.equalities().apply(p);
      double[] in = problem.inequalities().apply(p);
      double[] out = new double[m];
      System.arraycopy(eq, 0, out, 0, eq.length);
      System.arraycopy(in, 0, out, eq.length, in.length);
      return out;
    };
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
      double h = options.epsilon();
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

  private static double dot(double[] a, double[] b, int len) {
    double s = 0;
    for (int i = 0; i < len; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double norm(double[] v, int len) {
    return Math.sqrt(dot(v, v, len));
  }
}
