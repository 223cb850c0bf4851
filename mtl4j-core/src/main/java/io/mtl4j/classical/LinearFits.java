package io.mtl4j.classical;

import io.mtl4j.classical.solver.Fista;
import io.mtl4j.classical.solver.MalsarApg;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Runs a {@link CompositeProblem} with the solver its {@link SolverOptions} ask for and wraps the model. */
final class LinearFits {
  private LinearFits() {}

  /** How MALSAR's function for this formulation starts and loops under {@code opts.init = 0}. */
  enum MalsarStyle {
    /** Least_Trace, Least_Lasso, Least_L21, …: W0 = XᵀY per task, γ from 1. */
    DATA_START,
    /** Least_rMTFL, Least_Dirty: P0, Q0 ~ N(0, 1), L from the block-diagonal design's norms. */
    RANDOM_START
  }

  static LinearMtlModel solve(String name, CompositeProblem p, MultiTaskData data, SolverOptions opts,
                              LinearMtlModel warm, MalsarStyle style, LossFunction loss, List<String> partNames) {
    if (opts.mode() != SolverOptions.Mode.MALSAR) return fista(name, p, start(p, warm), opts, loss, partNames);
    long start = System.nanoTime();
    MalsarApg.Result r = style == MalsarStyle.DATA_START
        ? MalsarApg.gammaFromOne(p, dataStart(p), opts.tolerance(), opts.maxIterations())
        : MalsarApg.lipschitzFromData(p, randomStart(p, opts.seed()), malsarLipschitz(data), opts.tolerance(),
            opts.maxIterations());
    FitReport report = new FitReport("malsar-apg", r.iterations(), r.stoppedByTolerance(), r.objective(), Double.NaN,
        Double.NaN, seconds(start));
    return model(name, p, r.x(), loss, report, partNames);
  }

  /**
   * Certified FISTA on a problem whose loss sums over {@link RowSum} rows, from zero. MALSAR's mode and the duality
   * gap are refused: both read data statistics (XᵀY, |X| norms, Gram matrices) that only rows in memory give.
   */
  static LinearMtlModel solveRows(String name, CompositeProblem p, SolverOptions opts, LossFunction loss,
                                  List<String> partNames) {
    if (opts.mode() == SolverOptions.Mode.MALSAR) {
      throw new IllegalArgumentException("formulation '" + name + "': mode = malsar starts from MALSAR's data-derived "
          + "point and cannot fit from distributed row sums (--engine spark); use mode: converged");
    }
    refuseGapOnRows(name, opts);
    return fista(name, p, new double[p.dimension()], opts, loss, partNames);
  }

  /** The duality gap reads the least-squares Gram statistics, which row sums do not give. */
  static void refuseGapOnRows(String name, SolverOptions opts) {
    if (opts.criterion() == Fista.Criterion.DUALITY_GAP) {
      throw new IllegalArgumentException("formulation '" + name + "': criterion = gap needs the least-squares Gram "
          + "statistics of rows in memory and cannot fit from distributed row sums (--engine spark); use criterion: "
          + "kkt");
    }
  }

  /** The refusal of a least-squares fit solved in closed form, which needs the rows in memory. */
  static IllegalArgumentException closedForm(String name) {
    return new IllegalArgumentException("formulation '" + name + "' with loss least-squares is solved in closed form "
        + "from the Gram statistics of rows in memory, not by full-gradient steps, so it cannot fit from distributed "
        + "row sums (--engine spark); fit it in one JVM (--engine jvm), or use loss: logistic");
  }

  private static LinearMtlModel fista(String name, CompositeProblem p, double[] x0, SolverOptions opts,
                                      LossFunction loss, List<String> partNames) {
    long start = System.nanoTime();
    Fista.Result r = Fista.minimize(p, x0, opts.fista());
    FitReport report = new FitReport("fista", r.iterations(), r.converged(), r.objective(), r.residual(), r.gap(),
        seconds(start));
    return model(name, p, r.x(), loss, report, partNames);
  }

  static LinearMtlModel model(String name, CompositeProblem p, double[] x, LossFunction loss, FitReport report,
                              List<String> partNames) {
    Map<String, DenseMatrix> parts = new LinkedHashMap<>();
    for (int k = 0; k < partNames.size(); k++) {
      parts.put(partNames.get(k), new DenseMatrix(p.d, p.tasks, p.component(x, k)));
    }
    double[] c = p.loss.hasIntercept() ? p.intercepts(x) : null;
    return new LinearMtlModel(name, p.d, p.tasks, p.weights(x), c, loss, report, parts, x);
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** A warm start when its shape fits, otherwise zeros. */
  static double[] start(CompositeProblem p, LinearMtlModel warm) {
    if (warm != null && warm.state() != null && warm.state().length == p.dimension()) return warm.state().clone();
    return new double[p.dimension()];
  }

  /** MALSAR's opts.init = 0 for Least_Trace/Lasso/L21: W0 = [X_1ᵀy_1, …, X_Tᵀy_T] (zeros for other losses). */
  static double[] dataStart(CompositeProblem p) {
    double[] x = new double[p.dimension()];
    if (p.loss instanceof LeastSquaresLoss ls) {
      for (int t = 0; t < p.tasks; t++) System.arraycopy(ls.gram.b[t], 0, x, t * p.d, p.d);
    }
    return x;
  }

  /** MALSAR's opts.init = 0 for Least_rMTFL/Dirty: every component entry ~ N(0, 1), here from a seeded stream. */
  static double[] randomStart(CompositeProblem p, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[p.dimension()];
    int n = p.components() * p.d * p.tasks;
    for (int i = 0; i < n; i++) x[i] = rng.nextGaussian();
    return x;
  }

  /**
   * MALSAR's starting L for rMTFL/Dirty (its "lower bound" branch, lFlag = 0): 2·max(‖X‖₁²/N, ‖X‖_∞²/(D·T)) of
   * the block-diagonal design [N, D·T], ‖·‖₁ the largest column sum and ‖·‖_∞ the largest row sum of |X|.
   */
  static double malsarLipschitz(MultiTaskData data) {
    int d = data.features();
    double maxColumn = 0;
    double maxRow = 0;
    for (int t = 0; t < data.tasks(); t++) {
      double[] x = data.x(t);
      double[] column = new double[d];
      for (int i = 0; i < data.rows(t); i++) {
        double row = 0;
        for (int j = 0; j < d; j++) {
          double a = Math.abs(x[i * d + j]);
          column[j] += a;
          row += a;
        }
        maxRow = Math.max(maxRow, row);
      }
      for (double c : column) maxColumn = Math.max(maxColumn, c);
    }
    int n = data.totalRows();
    return 2 * Math.max(maxColumn * maxColumn / n, maxRow * maxRow / ((double) d * data.tasks()));
  }
}
