package io.mtl4j.nn;

import io.mtl4j.autodiff.BatchNorm;
import io.mtl4j.autodiff.Var;
import java.util.List;

/**
 * Batch normalisation of NCHW images per channel (Ioffe &amp; Szegedy 2015) with learned gain (init 1) and bias
 * (init 0). Training normalises with the batch's statistics and records them on the {@link Graph};
 * {@link RunningStatistics#apply} folds them into the running mean (init 0) and variance (init 1), which live as
 * state in the {@link ParameterBuffer}, are saved with the model, and normalise in evaluation.
 */
public final class BatchNorm2d implements Module {
  private final ParameterBuffer.ParameterRef gain;
  private final ParameterBuffer.ParameterRef bias;
  private final ParameterBuffer.ParameterRef runningMean;
  private final ParameterBuffer.ParameterRef runningVariance;
  private final int channels;
  private final float eps;
  private final float momentum;

  /** PyTorch's default eps, used by the short constructor (an exporter writes it into the graph). */
  public static final float DEFAULT_EPS = 1e-5f;

  /** PyTorch's defaults: eps 1e-5, momentum 0.1. */
  public BatchNorm2d(ParameterBuffer.Builder builder, String name, int channels, int owner) {
    this(builder, name, channels, DEFAULT_EPS, 0.1f, owner);
  }

  public BatchNorm2d(ParameterBuffer.Builder builder, String name, int channels, float eps, float momentum, int owner) {
    if (channels <= 0 || !(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
      throw new IllegalArgumentException("BatchNorm2d '" + name + "': channels = " + channels + ", eps = " + eps
          + ", momentum = " + momentum + "; expected channels ≥ 1, eps > 0 and momentum in [0, 1]");
    }
    this.gain = builder.add(name + ".gain", Init.ONES, owner, channels);
    this.bias = builder.add(name + ".bias", Init.ZEROS, owner, channels);
    this.runningMean = builder.addState(name + ".running_mean", Init.ZEROS, owner, channels);
    this.runningVariance = builder.addState(name + ".running_var", Init.ONES, owner, channels);
    this.channels = channels;
    this.eps = eps;
    this.momentum = momentum;
  }

  /** x [N, C, H, W] → same shape. */
  public Var forward(Graph g, Var x) {
    if (g.mode() == Mode.EVAL) {
      ParameterBuffer buffer = g.buffer();
      return BatchNorm.eval(x, g.param(gain), g.param(bias), buffer.value(buffer.get(runningMean.name())),
          buffer.value(buffer.get(runningVariance.name())), eps);
    }
    float[] mean = new float[channels], variance = new float[channels];
    Var y = BatchNorm.train(x, g.param(gain), g.param(bias), eps, mean, variance);
    long count = (long) x.shape()[0] * x.shape()[2] * x.shape()[3];
    g.recordStatistics(new RunningStatistics.Batch(runningMean, runningVariance, mean, variance, count, momentum));
    return y;
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    return List.of(gain, bias);
  }

  /** The non-trained state: running mean and variance. */
  public List<ParameterBuffer.ParameterRef> state() {
    return List.of(runningMean, runningVariance);
  }
}
