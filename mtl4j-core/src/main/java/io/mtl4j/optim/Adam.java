package io.mtl4j.optim;

import java.util.Objects;

/**
 * Adam (Kingma &amp; Ba, ICLR 2015, Algorithm 1) in torch.optim.Adam's form: L2 weight decay added to the gradient,
 * bias-corrected moments, ε outside the square root: p ← p − lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε).
 */
public final class Adam implements Optimizer {

  /**
   * Hyper-parameters; {@link #defaults()} are torch's.
   *
   * @param learningRate base learning rate (α), finite and &gt; 0; default 1e-3
   * @param beta1        β₁ in [0, 1), decay of the first moment; default 0.9
   * @param beta2        β₂ in [0, 1), decay of the second moment; default 0.999
   * @param epsilon      ε &gt; 0 added to the denominator; default 1e-8
   * @param weightDecay  λ &ge; 0, L2 term λp added to the gradient (not decoupled: see {@link AdamW}); default 0
   */
  public record Options(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
    public Options {
      validate("Adam.Options", learningRate, beta1, beta2, epsilon, weightDecay);
    }

    public static Options defaults() {
      return new Options(1e-3, 0.9, 0.999, 1e-8, 0);
    }

    public Options withLearningRate(double learningRate) {
      return new Options(learningRate, beta1, beta2, epsilon, weightDecay);
    }

    public Options withWeightDecay(double weightDecay) {
      return new Options(learningRate, beta1, beta2, epsilon, weightDecay);
    }
  }

  static void validate(String owner, double learningRate, double beta1, double beta2, double epsilon,
      double weightDecay) {
    OptionChecks.positive(owner, "learningRate", learningRate);
    OptionChecks.unitInterval(owner, "beta1", beta1);
    OptionChecks.unitInterval(owner, "beta2", beta2);
    OptionChecks.positive(owner, "epsilon", epsilon);
    OptionChecks.nonNegative(owner, "weightDecay", weightDecay);
  }

  private final Options options;
  private final LrSchedule schedule;
  private final FlatState state = new FlatState(name(), "m", "v");

  public Adam(Options options) {
    this(options, LrSchedule.constant());
  }

  public Adam(Options options, LrSchedule schedule) {
    this.options = Objects.requireNonNull(options, "options");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
  }

  public Options options() {
    return options;
  }

  @Override
  public String name() {
    return "adam";
  }

  @Override
  public void step(float[] params, float[] grads, int from, int to) {
    state.prepare(params, grads, from, to);
    double lr = learningRate();
    long t = state.advance();
    // Bias corrections in double, once per step; the loop below is float only so the JIT can vectorise it.
    double correction1 = 1 - Math.pow(options.beta1(), t);
    double correction2 = 1 - Math.pow(options.beta2(), t);
    float stepSize = (float) (lr / correction1);
    float invSqrtCorrection2 = (float) (1 / Math.sqrt(correction2));
    float b1 = (float) options.beta1();
    float b2 = (float) options.beta2();
    float c1 = (float) (1 - options.beta1());
    float c2 = (float) (1 - options.beta2());
    float eps = (float) options.epsilon();
    float wd = (float) options.weightDecay();
    float[] m = state.array(0);
    float[] v = state.array(1);
    for (int i = from; i < to; i++) {
      float g = grads[i] + wd * params[i];
      float mi = b1 * m[i] + c1 * g;
      float vi = b2 * v[i] + c2 * g * g;
      m[i] = mi;
      v[i] = vi;
      params[i] -= stepSize * mi / ((float) Math.sqrt(vi) * invSqrtCorrection2 + eps);
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
    return "Adam" + options + " " + schedule;
  }
}
