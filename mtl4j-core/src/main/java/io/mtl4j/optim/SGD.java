package io.mtl4j.optim;

import io.mtl4j.config.Checks;
import java.util.Objects;

/**
 * Stochastic gradient descent with heavy-ball or Nesterov momentum (Sutskever et al., ICML 2013), in
 * torch.optim.SGD's form (dampening 0): g = ∇ + λp; b ← μb + g; p ← p − lr·(Nesterov ? g + μb : b).
 *
 * <p>Over the touched rows of a row-sparse table plain SGD is exactly dense SGD (an untouched row's gradient is 0);
 * with momentum or weight decay it is lazy: an untouched row keeps its value and momentum buffer for that step.
 */
public final class SGD extends FlatOptimizer {

  /**
   * Hyper-parameters.
   *
   * @param learningRate base learning rate (lr), finite and &gt; 0
   * @param momentum     μ in [0, 1); 0 disables the momentum buffer
   * @param weightDecay  λ &ge; 0, an L2 term added to the gradient
   * @param nesterov     Nesterov momentum; needs μ &gt; 0
   */
  public record Options(double learningRate, double momentum, double weightDecay, boolean nesterov)
      implements OptimizerOptions {
    public Options {
      Checks.positive("SGD.Options", "learningRate", learningRate);
      Checks.unitInterval("SGD.Options", "momentum", momentum);
      Checks.nonNegative("SGD.Options", "weightDecay", weightDecay);
      if (nesterov && momentum == 0) {
        throw new IllegalArgumentException("SGD.Options: nesterov = true needs momentum > 0, got momentum = 0.0");
      }
    }

    /** Plain SGD at 0.01 (torch has no default rate; this is the registry's). */
    public static Options defaults() {
      return of(0.01);
    }

    /** Plain SGD at {@code learningRate}: no momentum, no weight decay. */
    public static Options of(double learningRate) {
      return new Options(learningRate, 0, 0, false);
    }

    @Override
    public Options withLearningRate(double learningRate) {
      return new Options(learningRate, momentum, weightDecay, nesterov);
    }

    public Options withMomentum(double momentum, boolean nesterov) {
      return new Options(learningRate, momentum, weightDecay, nesterov);
    }

    @Override
    public String optimizerName() {
      return "sgd";
    }

    @Override
    public SGD create(LrSchedule schedule) {
      return new SGD(this, schedule);
    }

    public Options withWeightDecay(double weightDecay) {
      return new Options(learningRate, momentum, weightDecay, nesterov);
    }
  }

  private final Options options;

  public SGD(Options options) {
    this(options, LrSchedule.constant());
  }

  public SGD(Options options, LrSchedule schedule) {
    super(schedule, Objects.requireNonNull(options, "options").momentum() > 0 ? new String[] {"momentum"} : new String[0]);
    this.options = options;
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
    return "sgd";
  }

  @Override
  public void step(float[] params, float[] grads, int[][] ranges) {
    state.prepare(params, grads, ranges);
    float lr = (float) learningRate();
    state.advance();
    for (int[] range : ranges) update(params, grads, range[0], range[1], lr);
  }

  private void update(float[] params, float[] grads, int from, int to, float lr) {
    float wd = (float) options.weightDecay();
    if (options.momentum() == 0) {
      for (int i = from; i < to; i++) {
        params[i] -= lr * (grads[i] + wd * params[i]);
      }
      return;
    }
    float mu = (float) options.momentum();
    float[] buf = state.array(0);
    // A zero buffer makes the first step b = g, torch's initialisation, without a special case.
    if (options.nesterov()) {
      for (int i = from; i < to; i++) {
        float g = grads[i] + wd * params[i];
        float b = mu * buf[i] + g;
        buf[i] = b;
        params[i] -= lr * (g + mu * b);
      }
    } else {
      for (int i = from; i < to; i++) {
        float g = grads[i] + wd * params[i];
        float b = mu * buf[i] + g;
        buf[i] = b;
        params[i] -= lr * b;
      }
    }
  }


}
