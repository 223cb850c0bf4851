package io.mtl4j.weighting.solver;

import io.mtl4j.linalg.Linalg;
import java.util.Optional;

/**
 * One convex subproblem of Nash-MTL's sequential iteration (Navon et al. 2022, Sec. 3.2, as LibMTL states it):
 * <pre>
 *   minimise   Σ_i (G α)_i + φ'(α_p)ᵀ(α - α_p) / ν
 *   subject to log(ν α_i) + log((G α)_i) ≥ 0  for every task i
 * </pre>
 * with G the Gram matrix divided by ν = its Frobenius norm, α_p the previous iterate and
 * φ'(α_p) = 1/α_p + G (1/(G α_p)) the gradient of the linearised concave term.
 *
 * <p>Solved by a log-barrier interior-point method with damped Newton steps (Boyd &amp; Vandenberghe, Alg. 11.1),
 * driven to a duality gap near machine precision, so the result is the exact optimum up to rounding. Returns empty
 * when the problem has no feasible point (0 lies in the convex hull of the gradients, so no α ≥ 0 makes every
 * (G α)_i positive) or is unbounded below: the cases where LibMTL's solver returns no value.
 */
public final class NashSubproblem {
  private static final double BARRIER_GROWTH = 20;
  private static final double RELATIVE_GAP = 1e-14;
  private static final double NEWTON_DECREMENT = 1e-18;
  private static final double DIVERGED = 1e30;
  /** Relative distance of c from the dual cone above which the subproblem counts as unbounded (rounding: ~1e-15). */
  private static final double CONE_RESIDUAL = 1e-10;

  private final double[][] gram;
  private final double nu;
  private final double[] cost;
  private final int n;

  private NashSubproblem(double[][] gram, double nu, double[] cost) {
    this.gram = gram;
    this.nu = nu;
    this.cost = cost;
    this.n = cost.length;
  }

  /** The optimum α of the subproblem linearised at {@code previous}, or empty (infeasible / unbounded). */
  public static Optional<double[]> solve(double[][] normalizedGram, double nu, double[] previous) {
    int n = previous.length;
    double[] gPrev = Gram.times(normalizedGram, previous);
    double[] invG = new double[n];
    for (int i = 0; i < n; i++) {
      invG[i] = 1 / gPrev[i];
    }
    double[] gInv = Gram.times(normalizedGram, invG);
    double[] cost = new double[n];
    for (int i = 0; i < n; i++) {
      double colSum = 0;
      for (int j = 0; j < n; j++) {
        colSum += normalizedGram[j][i];
      }
      cost[i] = colSum + (1 / previous[i] + gInv[i]) / nu;
    }
    for (double c : cost) {
      if (!Double.isFinite(c)) {
        return Optional.empty();
      }
    }
    if (unbounded(normalizedGram, cost)) {
      return Optional.empty();
    }
    NashSubproblem problem = new NashSubproblem(normalizedGram, nu, cost);
    return problem.strictlyFeasiblePoint(previous).flatMap(problem::barrier);
  }

  /**
   * Whether cᵀα is unbounded below on the feasible set. Its recession cone is {d ≥ 0, G d ≥ 0} (along such d every
   * α_i and (G α)_i only grow), so by Farkas' lemma the problem is bounded exactly when c is a non-negative
   * combination of the unit vectors and the columns of G: NNLS finds that combination, or a residual when there is
   * none. Where LibMTL's ECOS reports 'unbounded' (conflicting gradients make some (G α_p)_i &lt; 0 and so entries
   * of c negative), the barrier method would otherwise stop somewhere along the ray and return a finite α.
   */
  static boolean unbounded(double[][] gram, double[] cost) {
    int n = cost.length;
    double[] generators = new double[n * 2 * n];
    for (int i = 1; i <= n; i++) {
      generators[Nnls.at(i, i, n)] = 1;
      for (int j = 1; j <= n; j++) {
        generators[Nnls.at(i, n + j, n)] = gram[i - 1][j - 1];
      }
    }
    Nnls.Result r = Nnls.solve(generators, n, n, 2 * n, cost.clone());
    return r.mode() == Nnls.OK && r.residualNorm() > CONE_RESIDUAL * Gram.norm(cost);
  }

  private Optional<double[]> barrier(double[] start) {
    double[] x = start;
    double t = n / Math.max(Math.abs(Gram.dot(cost, x)), 1e-300);
    for (int outer = 0; outer < 200; outer++) {
      x = centre(x, t);
      if (x == null) {
        return Optional.empty();
      }
      if (n / t <= RELATIVE_GAP * Math.max(Math.abs(Gram.dot(cost, x)), 1e-300)) {
        return Optional.of(x);
      }
      t *= BARRIER_GROWTH;
    }
    return Optional.of(x);
  }

  /** Minimises t·cᵀα - Σ log h_i(α) by damped Newton; null when the iterates run off to infinity. */
  private double[] centre(double[] start, double t) {
    double[] x = start;
    for (int iter = 0; iter < 100; iter++) {
      double[] gx = Gram.times(gram, x);
      double[] h = constraints(x, gx);
      double[] grad = new double[n];
      double[][] hess = new double[n][n];
      for (int i = 0; i < n; i++) {
        grad[i] = t * cost[i];
      }
      for (int k = 0; k < n; k++) {
        // ∇h_k = e_k/α_k + G_k/(Gα)_k;  ∇²h_k = -e_k e_kᵀ/α_k² - G_k G_kᵀ/(Gα)_k²
        double[] dh = new double[n];
        for (int j = 0; j < n; j++) {
          dh[j] = gram[k][j] / gx[k];
        }
        dh[k] += 1 / x[k];
        for (int i = 0; i < n; i++) {
          grad[i] -= dh[i] / h[k];
          for (int j = 0; j < n; j++) {
            double curvature = gram[k][i] * gram[k][j] / (gx[k] * gx[k]);
            if (i == k && j == k) {
              curvature += 1 / (x[k] * x[k]);
            }
            hess[i][j] += dh[i] * dh[j] / (h[k] * h[k]) + curvature / h[k];
          }
        }
      }
      double[] step = new double[n];
      double[] negGrad = new double[n];
      for (int i = 0; i < n; i++) {
        negGrad[i] = -grad[i];
      }
      double[] d = Linalg.solve(hess, negGrad);
      if (d == null) {
        return x;
      }
      double decrement = -Gram.dot(grad, d);
      if (decrement / 2 <= NEWTON_DECREMENT * Math.max(1, Math.abs(t * Gram.dot(cost, x)))) {
        return x;
      }
      double value = objective(x, t);
      double s = 1.0;
      double[] next = null;
      for (int k = 0; k < 80; k++) {
        for (int i = 0; i < n; i++) {
          step[i] = x[i] + s * d[i];
        }
        double v = inDomain(step) ? objective(step, t) : Double.NaN;
        if (!Double.isNaN(v) && v <= value - 0.25 * s * decrement) {
          next = step.clone();
          break;
        }
        s *= 0.5;
      }
      if (next == null) {
        return x;
      }
      x = next;
      if (norm1(x) > DIVERGED || Gram.dot(cost, x) < -DIVERGED) {
        return null;
      }
    }
    return x;
  }

  private double objective(double[] x, double t) {
    double[] h = constraints(x, Gram.times(gram, x));
    double v = t * Gram.dot(cost, x);
    for (double hi : h) {
      v -= Math.log(hi);
    }
    return v;
  }

  /** h_i(α) = log(ν α_i) + log((G α)_i). */
  private double[] constraints(double[] x, double[] gx) {
    double[] h = new double[n];
    for (int i = 0; i < n; i++) {
      h[i] = Math.log(nu * x[i]) + Math.log(gx[i]);
    }
    return h;
  }

  private boolean inDomain(double[] x) {
    double[] gx = Gram.times(gram, x);
    for (int i = 0; i < n; i++) {
      if (!(x[i] > 0) || !(gx[i] > 0)) {
        return false;
      }
    }
    double[] h = constraints(x, gx);
    for (double hi : h) {
      if (!(hi > 0)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A point with every constraint strictly satisfied: the previous iterate scaled up if G α_p &gt; 0, otherwise the
   * solution u of min ½uᵀ(G + εI)u - Σu over u ≥ 0, whose optimality conditions give (G u)_i ≥ 1 - εu_i &gt; 0; when
   * 0 lies in the convex hull of the gradients no such point exists (Σ w_i (G α)_i = 0 for the hull weights w).
   */
  private Optional<double[]> strictlyFeasiblePoint(double[] previous) {
    double[] direction = positive(previous) ? previous : phaseOne();
    if (direction == null) {
      return Optional.empty();
    }
    double[] gd = Gram.times(gram, direction);
    double least = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      least = Math.min(least, nu * direction[i] * gd[i]);
    }
    // h_i = log(s² ν d_i (G d)_i): s² = e / least gives every h_i ≥ 1.
    double scale = Math.sqrt(Math.E / least);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = scale * direction[i];
    }
    return inDomain(x) ? Optional.of(x) : Optional.empty();
  }

  private double[] phaseOne() {
    double trace = 0;
    for (int i = 0; i < n; i++) {
      trace += gram[i][i];
    }
    double[][] q = new double[n][n];
    double[] linear = new double[n];
    for (int i = 0; i < n; i++) {
      q[i] = gram[i].clone();
      q[i][i] += 1e-10 * trace;
      linear[i] = -1;
    }
    double[] u;
    try {
      u = BoundedQp.minimize(q, linear, new double[n]);
    } catch (IllegalArgumentException singular) {
      return null;
    }
    // Fill zero entries with a shift small enough to keep G u > 0 (G u ≥ 1 - εu before the shift).
    double[] gu = Gram.times(gram, u);
    double minGu = Double.POSITIVE_INFINITY;
    double maxU = 0;
    for (int i = 0; i < n; i++) {
      minGu = Math.min(minGu, gu[i]);
      maxU = Math.max(maxU, u[i]);
    }
    if (!(minGu > 0) || !(maxU > 0)) {
      return null;
    }
    double rowMax = 0;
    for (int i = 0; i < n; i++) {
      double row = 0;
      for (int j = 0; j < n; j++) {
        row += Math.abs(gram[i][j]);
      }
      rowMax = Math.max(rowMax, row);
    }
    double shift = Math.min(0.5 * minGu / rowMax, maxU);
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = u[i] + shift;
    }
    return positive(d) ? d : null;
  }

  /** d &gt; 0 and G d &gt; 0. */
  private boolean positive(double[] d) {
    double[] gd = Gram.times(gram, d);
    for (int i = 0; i < n; i++) {
      if (!(d[i] > 0) || !(gd[i] > 0)) {
        return false;
      }
    }
    return true;
  }

  private static double norm1(double[] v) {
    double s = 0;
    for (double x : v) {
      s += Math.abs(x);
    }
    return s;
  }
}
