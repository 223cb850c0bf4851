package io.mtl4j.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Δm%, the mean relative change of each task's metrics against a baseline, signed so that positive is better
 * (Maninis, Radosavovic &amp; Kokkinos, CVPR 2019; Vandenhende et al., TPAMI 2021): Δm = (1/T) Σ_t (1/N_t) Σ_j
 * (−1)^{l_j} (M_{t,j} − M_{b,t,j}) / |M_{b,t,j}| × 100, where l_j = 1 when lower is better. T counts the model's
 * main tasks (auxiliary ones serve them and are no goal); N_t the task's metrics that Δm counts: all of them except a
 * redundant one, i.e. of mse, rmse and r2 (each a function of the squared error on the same rows, R² = 1 − MSE/Var y)
 * only the first the task lists. The baseline's
 * magnitude keeps the sign right when the baseline is negative (an R² below 0). A baseline value of 0 gives no
 * relative scale: the term is 0 when the model's value is 0 too, otherwise Δm% is NaN (shown as n/a).
 */
public final class DeltaM {
  /** What Δm% means, in one line for consoles and reports. */
  public static final String MEANING = "Δm% = mean over tasks of the relative change of each task's metrics against "
      + "the baseline, in % of |baseline|, signed so that > 0 is better (R² not counted next to MSE/RMSE)";

  /** Metrics that are functions of the squared error on the same rows: a task's first one counts, the rest not. */
  private static final Set<String> SQUARED_ERROR = Set.of("mse", "rmse", "r2");

  private DeltaM() {}

  /**
   * Δm% of {@code model} against {@code baseline} (typically single-task learning).
   *
   * @return NaN when a value or a baseline value is not finite, or a baseline value is 0 and the model's is not
   * @throws IllegalArgumentException when the baseline lacks one of the model's (task, metric) pairs or gives it the
   *                                  other direction
   */
  public static double percent(Evaluation model, Evaluation baseline) {
    Map<String, Double> tasks = perTask(model, baseline);
    if (tasks.isEmpty()) {
      return Double.NaN;
    }
    double sum = 0;
    for (double d : tasks.values()) {
      sum += d;
    }
    return sum / tasks.size();
  }

  /** Δ_t% for each main task of {@code model}: the inner mean (1/N_t) Σ_j of {@link #percent}. */
  public static Map<String, Double> perTask(Evaluation model, Evaluation baseline) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String task : model.mainTasks()) {
      double sum = 0;
      int n = 0;
      for (String metric : counted(model, task)) {
        Evaluation.Score m = model.score(task, metric);
        if (!baseline.has(task, metric)) {
          throw new IllegalArgumentException(
              "DeltaM: the baseline has no " + metric + " for task '" + task + "'; it has " + baseline.metrics(task));
        }
        Evaluation.Score b = baseline.score(task, metric);
        if (b.higherIsBetter() != m.higherIsBetter()) {
          throw new IllegalArgumentException("DeltaM: " + task + "/" + metric + " has opposite directions");
        }
        sum += relativeGain(m.value(), b.value(), m.higherIsBetter());
        n++;
      }
      if (n > 0) {
        out.put(task, sum / n);
      }
    }
    return out;
  }

  /** The metrics of {@code task} that Δm% counts: all but those redundant with an earlier one (see the class). */
  static List<String> counted(Evaluation e, String task) {
    List<String> out = new ArrayList<>();
    boolean squaredError = false;
    for (String metric : e.metrics(task)) {
      boolean family = SQUARED_ERROR.contains(metric.toLowerCase(Locale.ROOT));
      if (family && squaredError) continue;
      squaredError |= family;
      out.add(metric);
    }
    return out;
  }

  /** (−1)^{l} (M − M_b) / |M_b| × 100; 0 when both are 0, NaN for another value against a baseline of 0. */
  static double relativeGain(double value, double baseline, boolean higherIsBetter) {
    if (!Double.isFinite(value) || !Double.isFinite(baseline)) {
      return Double.NaN;
    }
    if (baseline == 0) {
      return value == 0 ? 0 : Double.NaN;
    }
    double change = (value - baseline) / Math.abs(baseline) * 100;
    return higherIsBetter ? change : -change;
  }
}
