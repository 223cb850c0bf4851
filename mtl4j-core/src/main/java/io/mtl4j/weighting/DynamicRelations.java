package io.mtl4j.weighting;

import io.mtl4j.weighting.solver.Gram;
import java.util.Arrays;
import java.util.Map;

/**
 * Dynamic task relations: a task whose running gradient cosine with the sum of the others' falls below a threshold
 * is detached from the shared part (or, smoothly, down-weighted) while it conflicts; its head keeps training. The
 * running cosine is an exponential moving average as GradVac's (Wang et al., ICLR 2021); grouping conflicting tasks
 * apart is what TAG (Fifty et al., NeurIPS 2021) does statically.
 *
 * <p>Per step, from the Gram matrix G of the shared-parameter gradients: c_t = Σ_{s≠t} G_ts / (‖g_t‖·‖Σ_{s≠t} g_s‖),
 * r_t ← β·r_t + (1 − β)·c_t (r_t = c_t at the first step), then w_t = [r_t ≥ threshold] ({@code detach}) or
 * clamp((r_t − threshold)/width, 0, 1) ({@code reweight}), and the shared update is Σ_t w_t·g_t. When every task
 * would be detached none is, so the shared part never stops learning.
 */
public final class DynamicRelations implements Weighting {
  /** What a conflicting task loses: its whole shared gradient, or a part growing with the conflict. */
  public enum Mode { DETACH, REWEIGHT }

  /**
   * @param mode      detach (zero) or reweight the conflicting task's shared gradient
   * @param threshold running cosine below which a task counts as conflicting
   * @param decay     β, the weight of the past in the running cosine
   * @param width     reweight: the cosine range above the threshold over which the weight ramps from 0 to 1
   */
  public record Options(Mode mode, double threshold, double decay, double width) {
    public static final Options DEFAULTS = new Options(Mode.DETACH, -0.1, 0.9, 0.1);

    public Options {
      if (mode == null) throw new IllegalArgumentException("mode = null: expected one of " + Arrays.toString(Mode.values()));
      if (!(threshold >= -1 && threshold <= 1)) {
        throw new IllegalArgumentException("threshold = " + threshold + ": expected a cosine in [-1, 1]");
      }
      if (!(decay >= 0 && decay < 1)) throw new IllegalArgumentException("decay = " + decay + ": expected a value in [0, 1)");
      if (!(width > 0 && width <= 2)) throw new IllegalArgumentException("width = " + width + ": expected a value in (0, 2]");
    }
  }

  private final Options options;
  private double[] running; // r_t, null before the first step

  public DynamicRelations(Options options) {
    this.options = options;
  }

  @Override
  public Requirements requirements() {
    return Requirements.INNER_PRODUCTS;
  }

  @Override
  public StepWeights combine(WeightingContext ctx) {
    double[][] grads = ctx.taskGradients();
    double[] cosines = cosinesWithTheOthers(Gram.of(grads));
    if (running == null) {
      running = cosines;
    } else {
      for (int t = 0; t < running.length; t++) running[t] = options.decay * running[t] + (1 - options.decay) * cosines[t];
    }
    double[] weights = weights(running);
    Gram.combine(weights, grads, ctx.sharedGradient());
    return new StepWeights(null, weights);
  }

  /** c_t for every task, from the Gram matrix alone; 0 for a zero gradient (no evidence of conflict). */
  static double[] cosinesWithTheOthers(double[][] gram) {
    int tasks = gram.length;
    double total = 0;
    double[] rowSums = new double[tasks];
    for (int i = 0; i < tasks; i++) {
      for (int j = 0; j < tasks; j++) rowSums[i] += gram[i][j];
      total += rowSums[i];
    }
    double[] out = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      double cross = rowSums[t] - gram[t][t];               // g_t · Σ_{s≠t} g_s
      double others = total - 2 * rowSums[t] + gram[t][t];  // ‖Σ_{s≠t} g_s‖²
      double norms = Math.sqrt(Math.max(gram[t][t], 0) * Math.max(others, 0));
      out[t] = norms > 0 ? Math.max(-1, Math.min(1, cross / norms)) : 0;
    }
    return out;
  }

  private double[] weights(double[] r) {
    double[] w = new double[r.length];
    boolean any = false;
    for (int t = 0; t < r.length; t++) {
      w[t] = options.mode == Mode.DETACH ? (r[t] >= options.threshold ? 1 : 0)
          : Math.max(0, Math.min(1, (r[t] - options.threshold) / options.width));
      any |= w[t] > 0;
    }
    if (!any) Arrays.fill(w, 1);
    return w;
  }

  @Override
  public Map<String, double[]> state() {
    return running == null ? Map.of() : Map.of("running_cosine", running.clone());
  }

  @Override
  public void restoreState(Map<String, double[]> state) {
    double[] r = state.get("running_cosine");
    if (state.size() > (r == null ? 0 : 1)) {
      throw new IllegalArgumentException("dynamic: unknown state " + state.keySet() + ", expected [running_cosine]");
    }
    running = r == null ? null : r.clone();
  }
}
