package io.mtl4j.classical.solver;

/**
 * MALSAR's accelerated gradient loops (Zhou, Chen &amp; Ye 2011), re-implemented from their documented behaviour so
 * that runs migrated from MATLAB stop where MALSAR stops. Two loops exist in MALSAR:
 *
 * <ul>
 *   <li>{@link #gammaFromOne}: Least_Trace, Least_Lasso, Least_L21, … Step 1/γ with γ = 1 at the start and doubled
 *       until F(z) ≤ F(s) + ⟨∇F(s), z − s⟩ + γ/2·||z − s||² (never decreased); stop when the step moves less than
 *       1e-10 (||z − s||² ≤ 1e-20).</li>
 *   <li>{@link #lipschitzFromData}: Least_rMTFL, Least_Dirty. Step 1/L with L from a data bound, doubled at most 20
 *       times per iteration until ⟨∇f(z) − ∇f(s), z − s⟩ ≤ L·||z − s||²; the objective list starts with F(x0).</li>
 * </ul>
 *
 * Both stop on {@code tFlag = 1}: |F_k − F_{k−1}| ≤ tol·F_{k−1} once three objective values exist, or after
 * {@code maxIter} iterations. Neither certifies optimality: that is what {@link Fista} is for.
 */
public final class MalsarApg {
  private MalsarApg() {}

  /** @param objectives F after each iteration (for {@link #lipschitzFromData} F(x0) first) */
  public record Result(double[] x, double objective, int iterations, boolean stoppedByTolerance,
                       double[] objectives) {}

  /** Relative-change test of tFlag = 1 on the last two values of a list that has at least {@code minSize}. */
  private static boolean relativeChangeBelow(double[] values, int size, int minSize, double tol) {
    if (size < minSize) return false;
    double last = values[size - 1];
    double previous = values[size - 2];
    return Math.abs(last - previous) <= tol * previous;
  }

  public static Result gammaFromOne(ProximalProblem p, double[] x0, double tol, int maxIter) {
    int n = p.dimension();
    double[] wz = x0.clone();
    double[] wzOld = x0.clone();
    double[] ws = new double[n];
    double[] g = new double[n];
    double[] v = new double[n];
    double[] wzp = x0.clone();
    double[] fv = new double[maxIter];
    int count = 0;
    double t = 1;
    double tOld = 0;
    double gamma = 1;
    int iter = 0;
    boolean byTol = false;
    while (iter < maxIter) {
      double alpha = (tOld - 1) / t;
      for (int i = 0; i < n; i++) ws[i] = (1 + alpha) * wz[i] - alpha * wzOld[i];
      double fs = p.smooth(ws, g);
      boolean tiny = false;
      double penalty;
      double fzp;
      while (true) {
        for (int i = 0; i < n; i++) v[i] = ws[i] - g[i] / gamma;
        penalty = p.prox(v, 1 / gamma, wzp);
        fzp = p.smooth(wzp, null);
        double rSum = 0;
        double inner = 0;
        for (int i = 0; i < n; i++) {
          double delta = wzp[i] - ws[i];
          rSum += delta * delta;
          inner += delta * g[i];
        }
        if (rSum <= 1e-20) {
          tiny = true;
          break;
        }
        if (fzp <= fs + inner + gamma / 2 * rSum) break;
        gamma *= 2;
      }
      System.arraycopy(wz, 0, wzOld, 0, n);
      System.arraycopy(wzp, 0, wz, 0, n);
      fv[count++] = fzp + penalty;
      if (tiny) break;
      if (iter >= 2 && relativeChangeBelow(fv, count, 2, tol)) {
        byTol = true;
        break;
      }
      iter++;
      tOld = t;
      t = 0.5 * (1 + Math.sqrt(1 + 4 * t * t));
    }
    return new Result(wzp.clone(), count > 0 ? fv[count - 1] : Double.NaN, Math.min(iter + 1, maxIter), byTol,
        java.util.Arrays.copyOf(fv, count));
  }

  /**
   * @param lipschitz0 MALSAR's starting L: 2·max(‖X‖₁²/N, ‖X‖_∞²/(D·T)) of the block-diagonal design (see
   *                   {@code initialLipschitz})
   */
  public static Result lipschitzFromData(ProximalProblem p, double[] x0, double lipschitz0, double tol,
                                         int maxIter) {
    int n = p.dimension();
    double[] x = x0.clone();
    double[] xOld = new double[n];
    double[] s = x0.clone();
    double[] gs = new double[n];
    double[] gz = new double[n];
    double[] v = new double[n];
    double[] fv = new double[maxIter + 1];
    int count = 0;
    fv[count++] = p.smooth(x, null) + p.penalty(x);
    double lip = lipschitz0;
    double tNew = 1;
    int iter;
    boolean byTol = false;
    double penalty = Double.NaN;
    double f = Double.NaN;
    for (iter = 1; iter <= maxIter; iter++) {
      System.arraycopy(x, 0, xOld, 0, n);
      double tOld = tNew;
      p.smooth(s, gs);
      for (int inner = 1; inner <= 20; inner++) {
        for (int i = 0; i < n; i++) v[i] = s[i] - gs[i] / lip;
        penalty = p.prox(v, 1 / lip, x);
        f = p.smooth(x, gz);
        double curvature = 0;
        double dd = 0;
        for (int i = 0; i < n; i++) {
          double d = x[i] - s[i];
          curvature += (gz[i] - gs[i]) * d;
          dd += d * d;
        }
        if (curvature <= lip * dd) break;
        lip *= 2;
      }
      fv[count++] = f + penalty;
      if (iter >= 2 && relativeChangeBelow(fv, count, 2, tol)) {
        byTol = true;
        break;
      }
      tNew = (1 + Math.sqrt(1 + 4 * tOld * tOld)) / 2;
      double beta = (tOld - 1) / tNew;
      for (int i = 0; i < n; i++) s[i] = x[i] + beta * (x[i] - xOld[i]);
    }
    return new Result(x.clone(), fv[count - 1], Math.min(iter, maxIter), byTol,
        java.util.Arrays.copyOf(fv, count));
  }
}
