package io.mtl4j.optim;

import java.util.Objects;

/**
 * AdamW, Adam with decoupled weight decay (Loshchilov &amp; Hutter, ICLR 2019), in torch.optim.AdamW's form:
 * p ← p·(1 − lr·λ) before the Adam update of the raw gradient.
 */
public final class AdamW implements Optimizer {

  /**
   * Hyper-parameters; {@link #defaults()} are torch's.
   *
   * @param learningRate base learning rate (α), finite and &gt; 0; default 1e-3
   * @param beta1        β₁ in [0, 1); default 0.9
   * @param beta2        β₂ in [0, 1); default 0.999
   * @param epsilon      ε &gt; 0; default 1e-8
   * @param weightDecay  decoupled decay λ &ge; 0 (scaled by the scheduled learning rate, as in torch); default 1e-2
   */
  public record Options(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
    public Options {
      Adam.validate("AdamW.Options", learningRate, beta1, beta2, epsilon, weightDecay);
    }

    public static Options defaults() {
      return new Options(1e-3, 0.9, 0.999, 1e-8, 1e-2);
    }

    public Options withLearningRate(double learningRate) {
      return new Options(learningRate, beta1, beta2, epsilon, weightDecay);
    }

    public Options withWeightDecay(double weightDecay) {
      return new Options(learningRate, beta1, beta2, epsilon, weightDecay);
    }
  }

  private final Options options;
  private final LrSchedule schedule;
  private final FlatState state = new FlatState(name(), "m", "v");

  public AdamW(Options options) {
    this(options, LrSchedule.constant());
  }

  public AdamW(Options options, LrSchedule schedule) {
    this.options = Objects.requireNonNull(options, "options");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
  }

  public Options options() {
    return options;
  }

  @Override
  public String name() {
    return "adamw";
  }

  @Override
  public void step(float[] params, float[] grads, int from, int to) {
    state.prepare(params, grads, from, to);
    double lr = learningRate();
    long t = state.advance();
    double correction1 = 1 - Math.pow(options.beta1(), t);
    double correction2 = 1 - Math.pow(options.beta2(), t);
    float decay = (float) (1 - lr * options.weightDecay());
    float stepSize = (float) (lr / correction1);
    float invSqrtCorrection2 = (float) (1 / Math.sqrt(correction2));
    float b1 = (float) options.beta1();
    float b2 = (float) options.beta2();
    float c1 = (float) (1 - options.beta1());
    float c2 = (float) (1 - options.beta2());
    float eps = (float) options.epsilon();
    float[] m = state.array(0);
    float[] v = state.array(1);
    for (int i = from; i < to; i++) {
      float g = grads[i];
      float mi = b1 * m[i] + c1 * g;
      float vi = b2 * v[i] + c2 * g * g;
      m[i] = mi;
      v[i] = vi;
      params[i] = params[i] * decay - stepSize * mi / ((float) Math.sqrt(vi) * invSqrtCorrection2 + eps);
    }
  }

  @Override
  public long steps() {
    return state.steps();
  }

  @Override
  public double learningRate() {
    return options.learningRate() * schedule.rate(state.steps());
  }

  @Override
  public OptimizerState state() {
    return state.export();
  }

  @Override
  public void restore(OptimizerState saved) {
    state.restore(saved);
  }

  @Override
  public String toString() {
    return "AdamW" + options + " " + schedule;
  }
}
