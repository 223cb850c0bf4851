package io.mtl4j.optim;

import java.util.Objects;

/**
 * AdamW, Adam with decoupled weight decay (Loshchilov &amp; Hutter, ICLR 2019), in torch.optim.AdamW's form:
 * p ← p·(1 − lr·λ) before the Adam update of the raw gradient.
 *
 * <p>Over the touched rows of a row-sparse table it is lazy as {@link Adam} is, decay included: a row decays only on
 * steps that touch it.
 */
public final class AdamW extends FlatOptimizer {

  /**
   * Hyper-parameters; {@link #defaults()} are torch's.
   *
   * @param learningRate base learning rate (α), finite and &gt; 0; default 1e-3
   * @param beta1        β₁ in [0, 1); default 0.9
   * @param beta2        β₂ in [0, 1); default 0.999
   * @param epsilon      ε &gt; 0; default 1e-8
   * @param weightDecay  decoupled decay λ &ge; 0 (scaled by the scheduled learning rate, as in torch); default 1e-2
   */
  public record Options(double learningRate, double beta1, double beta2, double epsilon, double weightDecay)
      implements OptimizerOptions {
    public Options {
      Adam.validate("AdamW.Options", learningRate, beta1, beta2, epsilon, weightDecay);
    }

    public static Options defaults() {
      return new Options(1e-3, 0.9, 0.999, 1e-8, 1e-2);
    }

    @Override
    public Options withLearningRate(double learningRate) {
      return new Options(learningRate, beta1, beta2, epsilon, weightDecay);
    }

    @Override
    public String optimizerName() {
      return "adamw";
    }

    @Override
    public AdamW create(LrSchedule schedule) {
      return new AdamW(this, schedule);
    }

    public Options withWeightDecay(double weightDecay) {
      return new Options(learningRate, beta1, beta2, epsilon, weightDecay);
    }
  }

  private final Options options;

  public AdamW(Options options) {
    this(options, LrSchedule.constant());
  }

  public AdamW(Options options, LrSchedule schedule) {
    super(schedule, "m", "v");
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public Options options() {
    return options;
  }

  @Override
  double baseLearningRate() {
    return options.learningRate();
  }

  @Override
  public String name() {
    return "adamw";
  }

  @Override
  public void step(float[] params, float[] grads, int[][] ranges) {
    step(params, grads, ranges, Workers.SERIAL);
  }

  @Override
  public void step(float[] params, float[] grads, int[][] ranges, Workers workers) {
    // Decoupled decay uses the scheduled rate of this step, read before the update advances the counter.
    float decay = (float) (1 - learningRate() * options.weightDecay());
    Adam.update(this, options.beta1(), options.beta2(), options.epsilon(), 0, decay, params, grads, ranges, workers);
  }



}
