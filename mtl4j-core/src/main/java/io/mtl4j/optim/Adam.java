package io.mtl4j.optim;

import io.mtl4j.config.Checks;
import java.util.Objects;

/**
 * Adam (Kingma &amp; Ba, ICLR 2015, Algorithm 1) in torch.optim.Adam's form: L2 weight decay added to the gradient,
 * bias-corrected moments, ε outside the square root: p ← p − lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε).
 *
 * <p>Stepped over ranges (the touched rows of a row-sparse table), it is lazy Adam, as torch.optim.SparseAdam: the
 * moments m, v of a row advance only on steps that touch it, untouched rows keep values and moments. Bias correction
 * uses the optimizer's step count t, not a per-row count, as SparseAdam (its per-parameter step) and TensorFlow
 * Addons' LazyAdam do: a row first touched at a late step gets m = (1−β₁)g, v = (1−β₂)g² divided by corrections
 * near 1 (t ≫ 1/(1−β₂)), so its first move is about lr·(1−β₁)/√(1−β₂) ≈ 3.2·lr rather than lr. Keeping the form
 * above (SparseAdam adds ε to √v before correcting) makes lazy Adam equal dense Adam bit for bit when every row is
 * touched every step.
 */
public final class Adam extends FlatOptimizer {

  /**
   * Hyper-parameters; {@link #defaults()} are torch's.
   *
   * @param learningRate base learning rate (α), finite and &gt; 0; default 1e-3
   * @param beta1        β₁ in [0, 1), decay of the first moment; default 0.9
   * @param beta2        β₂ in [0, 1), decay of the second moment; default 0.999
   * @param epsilon      ε &gt; 0 added to the denominator; default 1e-8
   * @param weightDecay  λ &ge; 0, L2 term λp added to the gradient (not decoupled: see {@link AdamW}); default 0
   */
  public record Options(double learningRate, double beta1, double beta2, double epsilon, double weightDecay)
      implements OptimizerOptions {
    public Options {
      validate("Adam.Options", learningRate, beta1, beta2, epsilon, weightDecay);
    }

    public static Options defaults() {
      return new Options(1e-3, 0.9, 0.999, 1e-8, 0);
    }

    @Override
    public Options withLearningRate(double learningRate) {
      return new Options(learningRate, beta1, beta2, epsilon, weightDecay);
    }

    @Override
    public String optimizerName() {
      return "adam";
    }

    @Override
    public Adam create(LrSchedule schedule) {
      return new Adam(this, schedule);
    }

    public Options withWeightDecay(double weightDecay) {
      return new Options(learningRate, beta1, beta2, epsilon, weightDecay);
    }
  }

  static void validate(String owner, double learningRate, double beta1, double beta2, double epsilon,
      double weightDecay) {
    Checks.positive(owner, "learningRate", learningRate);
    Checks.unitInterval(owner, "beta1", beta1);
    Checks.unitInterval(owner, "beta2", beta2);
    Checks.positive(owner, "epsilon", epsilon);
    Checks.nonNegative(owner, "weightDecay", weightDecay);
  }

  private final Options options;

  public Adam(Options options) {
    this(options, LrSchedule.constant());
  }

  public Adam(Options options, LrSchedule schedule) {
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
    return "adam";
  }

  @Override
  public void step(float[] params, float[] grads, int[][] ranges) {
    step(params, grads, ranges, Workers.SERIAL);
  }

  @Override
  public void step(float[] params, float[] grads, int[][] ranges, Workers workers) {
    update(this, options.beta1(), options.beta2(), options.epsilon(), options.weightDecay(), 1f, params, grads, ranges,
        workers);
  }

  /**
   * The Adam update shared with {@link AdamW}: g = grad + l2·p (Adam's L2 decay), then p ← p·decay − step·m̂/(√v̂+ε)
   * (AdamW's decoupled decay). Bias corrections in double once per step; the loop is float only so it vectorises.
   */
  static void update(FlatOptimizer optimizer, double beta1, double beta2, double epsilon, double l2, float decay,
                     float[] params, float[] grads, int[][] ranges, Workers workers) {
    FlatState state = optimizer.state;
    state.prepare(params, grads, ranges);
    double lr = optimizer.learningRate();
    long t = state.advance();
    float stepSize = (float) (lr / (1 - Math.pow(beta1, t)));
    float invSqrtCorrection2 = (float) (1 / Math.sqrt(1 - Math.pow(beta2, t)));
    if (workers.count() == 1 || elements(ranges) < PARALLEL_ELEMENTS) { // allocation-free
      for (int[] range : ranges) {
        update(beta1, beta2, epsilon, l2, decay, stepSize, invSqrtCorrection2, state, params, grads, range[0],
            range[1]);
      }
      return;
    }
    int[][][] parts = Workers.split(ranges, workers.count());
    workers.run(w -> {
      for (int[] range : parts[w]) {
        update(beta1, beta2, epsilon, l2, decay, stepSize, invSqrtCorrection2, state, params, grads, range[0],
            range[1]);
      }
    });
  }

  /**
   * Below this many elements a step stays on the calling thread: handing work to the pool costs tens of
   * microseconds, about what 2^15 elements of the loop cost.
   */
  static final int PARALLEL_ELEMENTS = 1 << 15;

  private static long elements(int[][] ranges) {
    long n = 0;
    for (int[] r : ranges) n += r[1] - r[0];
    return n;
  }

  private static void update(double beta1, double beta2, double epsilon, double l2, float decay, float stepSize,
                             float invSqrtCorrection2, FlatState state, float[] params, float[] grads, int from,
                             int to) {
    float b1 = (float) beta1, b2 = (float) beta2, c1 = (float) (1 - beta1), c2 = (float) (1 - beta2);
    float eps = (float) epsilon, wd = (float) l2;
    float[] m = state.array(0);
    float[] v = state.array(1);
    for (int i = from; i < to; i++) {
      float g = grads[i] + wd * params[i];
      float mi = b1 * m[i] + c1 * g;
      float vi = b2 * v[i] + c2 * g * g;
      m[i] = mi;
      v[i] = vi;
      params[i] = params[i] * decay - stepSize * mi / ((float) Math.sqrt(vi) * invSqrtCorrection2 + eps);
    }
  }



}
