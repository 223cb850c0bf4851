package io.mtl4j.classical;

import io.mtl4j.classical.solver.Fista;
import io.mtl4j.config.Checks;
import io.mtl4j.linalg.Linalg;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Clustered multi-task learning, convex relaxation (Zhou, Chen &amp; Ye, Clustered Multi-Task Learning via
 * Alternating Structure Optimization, NIPS 2011): min_{W, M} ½Σ_t ||X_t w_t − y_t||² + ρ1η(1+η)·tr(W(ηI + M)⁻¹Wᵀ)
 * s.t. tr(M) = k, 0 ⪯ M ⪯ I, η = ρ2/ρ1 (MALSAR Least_CMTL).
 *
 * <p>Solved by exact alternating minimisation of this jointly convex problem: W given M is a quadratic-coupled
 * problem (certified FISTA, warm-started); M given W is closed form, M = Q·diag(m)·Qᵀ from WᵀW = QΣQᵀ with
 * m_i = clip(θ√σ_i − η, 0, 1) and θ set by bisection so Σ m_i = k. A fixed point of the two exact steps is optimal.
 * Clusters are read from M by k-means on its top-k eigenvectors.
 */
public final class ClusteredMTL implements LinearFormulation {
  /**
   * @param rho1      ρ1 > 0, the clustering penalty
   * @param rho2      ρ2 > 0, the ridge part (η = ρ2/ρ1)
   * @param clusters  k, the number of task clusters, 1 <= k <= T
   * @param outerTol  relative objective change between outer steps that stops the alternation
   * @param maxOuter  cap on outer steps
   * @param solver    the W-step's FISTA settings (converged mode only)
   */
  public record Options(double rho1, double rho2, int clusters, double outerTol, int maxOuter, LossFunction loss,
                        SolverOptions solver) {
    public Options {
      Checks.positive("ClusteredMTL.Options", "rho1", rho1);
      Checks.positive("ClusteredMTL.Options", "rho2", rho2);
      Checks.atLeast("ClusteredMTL.Options", "clusters", clusters, 1);
      Checks.positive("ClusteredMTL.Options", "outerTol", outerTol);
      Checks.atLeast("ClusteredMTL.Options", "maxOuter", maxOuter, 1);
      Checks.notNull("ClusteredMTL.Options", "loss", loss);
      Checks.notNull("ClusteredMTL.Options", "solver", solver);
    }

    public Options(double rho1, double rho2, int clusters) {
      this(rho1, rho2, clusters, 1e-9, 500, LossFunction.LEAST_SQUARES, SolverOptions.converged());
    }
  }

  private final Options options;

  public ClusteredMTL(Options options) {
    this.options = Checks.notNull("ClusteredMTL", "options", options);
  }

  public Options options() {
    return options;
  }

  @Override
  public String name() {
    return "cmtl";
  }

  @Override
  public LinearMtlModel fit(MultiTaskData train, LinearMtlModel warmStart) {
    long start = System.nanoTime();
    double[] x = warmStart != null && warmStart.state() != null ? warmStart.state().clone() : null;
    return alternate(SmoothLoss.of(options.loss(), train, 0.5), x, start);
  }

  /**
   * The same alternation with the W-steps' loss values and gradients summed over {@code rows} (e.g. partitions on
   * Spark), from zero; the M-step and the cluster read-out work on W and the T×T matrix only, so they stay here.
   */
  @Override
  public LinearMtlModel fit(RowSum rows) {
    long start = System.nanoTime();
    LinearFits.refuseGapOnRows(name(), options.solver());
    return alternate(SmoothLoss.of(options.loss(), rows, 0.5), null, start);
  }

  private LinearMtlModel alternate(SmoothLoss loss, double[] warm, long start) {
    int tasks = loss.tasks();
    int k = options.clusters();
    if (k > tasks) throw new IllegalArgumentException("clusters = " + k + ": expected <= T = " + tasks);
    double eta = options.rho2() / options.rho1();
    double scale = options.rho1() * eta * (1 + eta);
    double[] m = TaskCouplings.identity(tasks, (double) k / tasks);
    double[] x = warm;
    double previous = Double.POSITIVE_INFINITY;
    Fista.Result r = null;
    CompositeProblem p = null;
    int outer;
    boolean converged = false;
    for (outer = 1; outer <= options.maxOuter(); outer++) {
      double[] coupling = shiftedInverse(m, tasks, eta);
      for (int i = 0; i < coupling.length; i++) coupling[i] *= scale;
      p = new CompositeProblem(loss, List.of(Penalty.none()), coupling);
      if (x == null || x.length != p.dimension()) x = new double[p.dimension()];
      r = Fista.minimize(p, x, options.solver().fista());
      x = r.x();
      m = clusterStep(p.weights(x), loss.features(), tasks, k, eta);
      double objective = p.smooth(x, null);
      if (Math.abs(previous - objective) <= options.outerTol() * Math.abs(objective)) {
        converged = r.converged();
        break;
      }
      previous = objective;
    }
    FitReport report = new FitReport("alternating-fista", Math.min(outer, options.maxOuter()), converged,
        r.objective(), r.residual(), Double.NaN, LinearFits.seconds(start));
    LinearMtlModel base = LinearFits.model(name(), p, x, options.loss(), report, List.of());
    Map<String, DenseMatrix> parts = new LinkedHashMap<>();
    parts.put("M", new DenseMatrix(tasks, tasks, m));
    parts.put("clusters", new DenseMatrix(1, tasks, clusters(m, tasks, k, options.solver().seed())));
    return new LinearMtlModel(name(), base.features(), tasks, base.weightMatrix().values(), p.loss.hasIntercept()
        ? base.intercepts() : null, options.loss(), report, parts, x);
  }

  /** (ηI + M)⁻¹ through the eigen-decomposition of the symmetric M. */
  private static double[] shiftedInverse(double[] m, int tasks, double eta) {
    return Linalg.spectralFunction(m, tasks, lambda -> 1 / (eta + Math.max(lambda, 0)));
  }

  /** argmin over {tr M = k, 0 ⪯ M ⪯ I} of tr((ηI + M)⁻¹ WᵀW). */
  static double[] clusterStep(double[] w, int d, int tasks, int k, double eta) {
    double[] wtw = new double[tasks * tasks];
    for (int s = 0; s < tasks; s++) {
      for (int t = s; t < tasks; t++) {
        double dot = 0;
        for (int j = 0; j < d; j++) dot += w[s * d + j] * w[t * d + j];
        wtw[s * tasks + t] = dot;
        wtw[t * tasks + s] = dot;
      }
    }
    Linalg.Eigen e = Linalg.symmetricEigen(wtw, tasks);
    double[] root = new double[tasks];
    for (int i = 0; i < tasks; i++) root[i] = Math.sqrt(Math.max(e.values()[i], 0));
    double[] mi = waterFill(root, k, eta);
    double[] out = new double[tasks * tasks];
    for (int i = 0; i < tasks; i++) {
      if (mi[i] == 0) continue;
      for (int s = 0; s < tasks; s++) {
        double a = mi[i] * e.vectors()[i * tasks + s];
        for (int t = 0; t < tasks; t++) out[s * tasks + t] += a * e.vectors()[i * tasks + t];
      }
    }
    return out;
  }

  /** m_i = clip(θ·root_i − η, 0, 1) with Σ m_i = k: the KKT solution of min Σ σ_i/(η + m_i). */
  static double[] waterFill(double[] root, int k, double eta) {
    int n = root.length;
    double[] m = new double[n];
    double max = 0;
    for (double r : root) max = Math.max(max, r);
    if (max == 0) {
      java.util.Arrays.fill(m, (double) k / n);
      return m;
    }
    double lo = 0;
    double hi = (1 + eta) / Math.max(minPositive(root), 1e-300);
    for (int it = 0; it < 200; it++) {
      double mid = 0.5 * (lo + hi);
      if (sum(root, mid, eta) < k) lo = mid;
      else hi = mid;
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      m[i] = clip(hi * root[i] - eta);
      s += m[i];
    }
    // Zero σ_i cannot take mass by θ; spread any shortfall (k above the number of non-zero σ) evenly over them.
    double shortfall = k - s;
    if (shortfall > 1e-12) {
      long zeros = java.util.Arrays.stream(root).filter(r -> r == 0).count();
      for (int i = 0; i < n; i++) if (root[i] == 0) m[i] = Math.min(1, shortfall / zeros);
    }
    return m;
  }

  private static double minPositive(double[] a) {
    double m = Double.POSITIVE_INFINITY;
    for (double v : a) if (v > 0) m = Math.min(m, v);
    return m;
  }

  private static double sum(double[] root, double theta, double eta) {
    double s = 0;
    for (double r : root) s += clip(theta * r - eta);
    return s;
  }

  private static double clip(double v) {
    return Math.max(0, Math.min(1, v));
  }

  /** k-means (k-means++ start, seeded) on the rows of M's top-k eigenvectors: task t → cluster id 0..k−1. */
  static double[] clusters(double[] m, int tasks, int k, long seed) {
    Linalg.Eigen e = Linalg.symmetricEigen(m, tasks);
    double[][] points = new double[tasks][k];
    for (int c = 0; c < k; c++) {
      int col = tasks - 1 - c;
      for (int t = 0; t < tasks; t++) points[t][c] = e.vectors()[col * tasks + t];
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] centers = new double[k][];
    centers[0] = points[rng.nextInt(tasks)].clone();
    for (int c = 1; c < k; c++) {
      double[] dist = new double[tasks];
      double total = 0;
      for (int t = 0; t < tasks; t++) {
        dist[t] = nearest(points[t], centers, c)[1];
        total += dist[t];
      }
      double pick = rng.nextDouble() * total;
      int chosen = tasks - 1;
      for (int t = 0; t < tasks; t++) {
        pick -= dist[t];
        if (pick <= 0) {
          chosen = t;
          break;
        }
      }
      centers[c] = points[chosen].clone();
    }
    double[] label = new double[tasks];
    for (int it = 0; it < 100; it++) {
      boolean changed = false;
      for (int t = 0; t < tasks; t++) {
        double best = nearest(points[t], centers, k)[0];
        if (best != label[t]) {
          changed = true;
          label[t] = best;
        }
      }
      double[][] sums = new double[k][k];
      int[] counts = new int[k];
      for (int t = 0; t < tasks; t++) {
        int c = (int) label[t];
        counts[c]++;
        for (int j = 0; j < k; j++) sums[c][j] += points[t][j];
      }
      for (int c = 0; c < k; c++) {
        if (counts[c] == 0) continue;
        for (int j = 0; j < k; j++) centers[c][j] = sums[c][j] / counts[c];
      }
      if (!changed && it > 0) break;
    }
    return label;
  }

  private static double[] nearest(double[] p, double[][] centers, int count) {
    double best = Double.POSITIVE_INFINITY;
    int arg = 0;
    for (int c = 0; c < count; c++) {
      double d = 0;
      for (int j = 0; j < p.length; j++) d += (p[j] - centers[c][j]) * (p[j] - centers[c][j]);
      if (d < best) {
        best = d;
        arg = c;
      }
    }
    return new double[] {arg, best};
  }
}
