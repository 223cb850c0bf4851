package io.mtl4j.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Δm%, the mean relative change of every metric against a baseline with signs such that positive is better
 * (Maninis, Radosavovic &amp; Kokkinos, CVPR 2019): Δm = (1/T) Σ_t (1/N_t) Σ_j (−1)^{l_j} (M_{t,j} − M_{b,t,j}) /
 * M_{b,t,j} × 100, where l_j = 1 when lower is better. T and N_t count the model's tasks and each task's metrics.
 */
public final class DeltaM {
  private DeltaM() {}

  /**
   * Δm% of {@code model} against {@code baseline} (typically single-task learning).
   *
   * @return NaN when a value or a baseline value is not finite, or a baseline value is 0 (relative change undefined)
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

  /** Δ_t% for each task of {@code model}: the inner mean (1/N_t) Σ_j of {@link #percent}. */
  public static Map<String, Double> perTask(Evaluation model, Evaluation baseline) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String task : model.tasks()) {
      double sum = 0;
      int n = 0;
      for (String metric : model.metrics(task)) {
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

  /** (−1)^{l} (M − M_b) / M_b × 100. */
  static double relativeGain(double value, double baseline, boolean higherIsBetter) {
    if (!Double.isFinite(value) || !Double.isFinite(baseline) || baseline == 0) {
      return Double.NaN;
    }
    double change = (value - baseline) / baseline * 100;
    return higherIsBetter ? change : -change;
  }
}
