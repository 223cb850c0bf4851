package io.mtl4j.weighting.solver;

import static io.mtl4j.weighting.solver.Nnls.at;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Sequential least-squares quadratic programming (Kraft, "A Software Package for Sequential Quadratic
 * Programming", DFVLR-FB 88-28, 1988; ACM TOMS Alg. 733): minimise f(x) subject to c_j(x) = 0, c_j(x) ≥ 0 and
 * bounds, with gradients by forward differences.
 *
 * <p>It reproduces the algorithm as scipy.optimize.minimize(method='SLSQP') runs it (scipy ≤ 1.15, the Fortran
 * version), step for step: Han-Powell SQP with a damped BFGS update kept as LDLᵀ factors ({@link QuasiNewton}),
 * QP subproblems solved as constrained least squares ({@link ConstrainedLeastSquares}), an Armijo-type line
 * search on the L1 merit function ({@link MeritLineSearch}), up to five resets of the quasi-Newton matrix when the
 * search direction is not a descent direction, and forward-difference gradients with absolute step √ε flipped to
 * stay within the bounds ({@link SlsqpEvaluator}). This class is the main iteration: the QP, its augmented form for
 * inconsistent linearisations, and the stopping tests. Matching the iterates, not only the optimum, matters to
 * callers that must agree with LibMTL (CAGrad), including where SLSQP stops early; on badly scaled problems, where
 * scipy's steps are rounding noise, it departs from scipy to converge (see {@link SlsqpEvaluator#scaleObjective}).
 */
public final class Slsqp {

  /**
   * @param ftol          precision goal on f for the stopping test (scipy's ftol, "acc"), absolute as in scipy; on
   *                      f scaled down when its start gradient is very large (see SlsqpEvaluator.scaleObjective); default 1e-6
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

  private static final double AUGMENTED_WEIGHT = 100;
  private static final int MAX_RESETS = 5;
  private static final int MAX_INCONSISTENT = 5;

  private final Problem problem;
  private final Options options;
  private final int n;
  private final int meq;
  private final int m;
  private final int la;
  private final SlsqpEvaluator evaluator;
  private final MeritLineSearch lineSearch;
  private final QuasiNewton quasiNewton;

  private Slsqp(Problem problem, Options options, int meq, int mineq) {
    this.problem = problem;
    this.options = options;
    this.n = problem.lower().length;
    this.meq = meq;
    this.m = meq + mineq;
    this.la = Math.max(1, m);
    this.evaluator = new SlsqpEvaluator(problem, options.epsilon(), m);
    this.lineSearch = new MeritLineSearch(evaluator, m, meq);
    this.quasiNewton = new QuasiNewton(n);
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
    double f = evaluator.objective(x);
    double[] g = evaluator.gradient(x, f);
    f = evaluator.scaleObjective(f, g);
    double[] c = evaluator.constraints(x);
    double[] a = evaluator.normals(x);

    double acc = options.ftol();
    double tol = 10 * acc;
    int itermx = options.maxIterations() - 1;
    int iter = 0;
    int ireset = 0;
    double[] ldl = quasiNewton.factors();
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
          double violation = lineSearch.violation(c);
          boolean done = (Math.abs(f - f0) < tol || norm(s, n) < tol) && violation < tol && !badlin;
          return result(x, f, iter, done ? Status.SUCCESS : Status.POSITIVE_DIRECTIONAL_DERIVATIVE);
        }
        quasiNewton.reset();
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
      h1 = lineSearch.penalty(mu, c);
      double t0 = f + h1;
      double h3 = gs - h1 * h4;
      if (h3 >= 0) {
        reset = true;
        continue;
      }

      MeritLineSearch.Point accepted = lineSearch.search(x0, s, x, h3, t0, mu);
      f = accepted.f();
      c = accepted.c();
      badlin = false;
      if ((Math.abs(f - f0) < acc || norm(s, n) < acc) && lineSearch.violation(c) < acc) {
        return result(x, f, iter, Status.SUCCESS);
      }
      g = evaluator.gradient(x, f);
      a = evaluator.normals(x);
      // y = change of the Lagrangian gradient; v still holds the old one.
      for (int i = 1; i <= n; i++) {
        u[i - 1] = g[i - 1] - columnDot(a, i, r) - v[i - 1];
      }
      reset = !quasiNewton.update(s, u, v);
    }
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
    return new Result(x.clone(), evaluator.unscaled(f), iterations, evaluator.evaluations(), status);
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
