package io.mtl4j.classical.solver;

/**
 * A composite problem min_x f(x) + g(x): f smooth with a Lipschitz gradient, g closed convex with an exact prox.
 * Variables are one flat vector; how it splits into W, its components and intercepts is the problem's business.
 */
public interface ProximalProblem {
  int dimension();

  /** f(x); writes ∇f(x) into {@code grad} when it is not null. */
  double smooth(double[] x, double[] grad);

  /** out = prox_{step·g}(v) = argmin_z g(z) + ||z − v||²/(2·step); returns g(out). */
  double prox(double[] v, double step, double[] out);

  /** g(x). */
  double penalty(double[] x);

  /** A guess of the Lipschitz constant of ∇f for the first step; backtracking corrects it either way. */
  double lipschitzEstimate();

  /**
   * True when f is quadratic: f(z) − f(y) − ⟨∇f(y), z − y⟩ is then computed as ½⟨∇f(z) − ∇f(y), z − y⟩, which has
   * no cancellation when f is large and the step tiny (School's raw features make f ~ 10⁶ near the optimum).
   */
  default boolean quadratic() {
    return false;
  }

  /**
   * A duality gap P(x) − D(θ(x)) ≥ P(x) − P* (NaN when the problem has none), given ∇f(x). Used as the stopping
   * certificate when asked for; the KKT residual is used otherwise.
   */
  default double dualityGap(double[] x, double[] gradAtX, double smoothAtX) {
    return Double.NaN;
  }

  /** The scale a relative duality-gap tolerance multiplies (scikit-learn's ||Y||²_F for least squares). */
  default double gapScale() {
    return 1.0;
  }
}
