package io.mtl4j.train;

import io.mtl4j.nn.Parameter;
import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.weighting.RandomSource;
import io.mtl4j.weighting.WeightingContext;
import java.util.Arrays;

/**
 * The weighting's view of one step: values the step mode computed before {@link
 * io.mtl4j.weighting.Weighting#combine}. Reading it never runs a pass; gradients a method did not declare in its
 * requirements are simply absent.
 */
final class StepContext implements WeightingContext {
  private final long seed;
  private final double[][] lossHistory;
  private final int[] parameterSizes;
  private final double[][] losses;      // [sample][task]
  private final double[][][] gradients; // [sample][task][d], null for loss-only steps
  private double[] sharedGradient;      // [d], allocated on first use: loss weightings never touch it
  private final int sharedWidth;        // its d until a representation sets it
  private Shards representation;        // whose shards' shared cut the step used, in representation modes
  private RandomSource random;
  private long step;
  private int epoch;

  /**
   * @param samples loss samples per step
   * @param width   d of the per-task gradient rows (shared parameters; a representation's width changes with the
   *                batch and is set per step by {@link #representationRows}); -1 when the step keeps no rows
   */
  StepContext(ParameterBuffer buffer, long seed, double[][] lossHistory, int tasks, int samples, int width) {
    this.seed = seed;
    this.lossHistory = lossHistory;
    this.parameterSizes = buffer.parameters().stream().filter(Parameter::shared).mapToInt(Parameter::size).toArray();
    this.losses = new double[samples][tasks];
    this.gradients = width < 0 ? null : new double[samples][tasks][width];
    // Not allocated (nor zeroed each step) before a weighting asks: with a row-sparse table d can be the size of
    // the table, which a loss weighting's step must not pay for.
    this.sharedWidth = Math.max(width, buffer.sharedSize());
  }

  /** Starts a step: its position, its random stream (a pure function of seed and step) and a zero output. */
  void begin(int epoch, long step) {
    this.epoch = epoch;
    this.step = step;
    this.random = RandomSource.seeded(StepStreams.mix(seed, step, StepStreams.WEIGHTING));
    this.representation = null;
    if (sharedGradient != null) Arrays.fill(sharedGradient, 0);
  }

  /** Loss sample k's per-task losses. */
  void setLosses(int sample, double[] values) {
    System.arraycopy(values, 0, losses[sample], 0, values.length);
  }

  /** Loss sample k's rows of G, to be filled by the caller. */
  double[][] rows(int sample) {
    return gradients[sample];
  }

  /**
   * Rows of G on the shared representation of {@code shards}, [T][B·R] for this step's B (reallocated, with the
   * combined gradient, when B changes: the last batch of an epoch is shorter).
   */
  double[][] representationRows(Shards shards, int width) {
    if (gradients[0][0].length != width) {
      for (int t = 0; t < gradients[0].length; t++) gradients[0][t] = new double[width];
      sharedGradient = new double[width];
    }
    this.representation = shards;
    return gradients[0];
  }

  @Override
  public int taskCount() {
    return losses[0].length;
  }

  @Override
  public double[] losses(int sample) {
    requireSample(sample);
    return losses[sample].clone();
  }

  @Override
  public double[][] taskGradients(int sample) {
    requireSample(sample);
    if (gradients == null) {
      throw new IllegalStateException("the weighting asked for task gradients but its requirements declare "
          + "needs = LOSSES");
    }
    return gradients[sample];
  }

  private void requireSample(int sample) {
    if (sample < 0 || sample >= losses.length) {
      throw new IllegalArgumentException("loss sample " + sample + ": the weighting's requirements declare "
          + "lossSamples = " + losses.length);
    }
  }

  @Override
  public double[] representation() {
    double[] out = new double[sharedGradient().length];
    int at = 0;
    for (int w = 0; w < requireRepresentation().workers(); w++) {
      Tensor rep = representation.pass(w).representation();
      if (rep == null) continue;
      for (int i = 0; i < rep.size(); i++) out[at++] = rep.get(i);
    }
    return out;
  }

  @Override
  public int[] representationShape() {
    int rows = 0, width = 0;
    for (int w = 0; w < requireRepresentation().workers(); w++) {
      Tensor rep = representation.pass(w).representation();
      if (rep == null) continue;
      rows += rep.rows();
      width = rep.cols();
    }
    return new int[] {rows, width};
  }

  private Shards requireRepresentation() {
    if (representation == null) {
      throw new IllegalStateException("representation values exist only for representation gradients");
    }
    return representation;
  }

  @Override
  public double[] sharedGradient() {
    if (sharedGradient == null) sharedGradient = new double[sharedWidth];
    return sharedGradient;
  }

  @Override
  public long step() {
    return step;
  }

  @Override
  public int epoch() {
    return epoch;
  }

  @Override
  public double[][] lossHistory() {
    return lossHistory;
  }

  @Override
  public RandomSource random() {
    return random;
  }

  @Override
  public int[] parameterSizes() {
    return parameterSizes;
  }
}
