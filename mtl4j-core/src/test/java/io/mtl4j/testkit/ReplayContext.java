package io.mtl4j.testkit;

import io.mtl4j.weighting.RandomSource;
import io.mtl4j.weighting.WeightingContext;

/** A {@link WeightingContext} over fixed inputs (golden steps, property tests); hands out copies of the inputs. */
public final class ReplayContext implements WeightingContext {
  private final double[][] losses;
  private final double[][][] grads;
  private final double[] shared;
  private final long step;
  private final int epoch;
  private double[][] lossHistory;
  private RandomSource random;
  private double[] representation;
  private int[] representationShape;
  private int[] parameterSizes;

  /** @param losses [samples][T]; @param grads [samples][T][d] */
  public ReplayContext(double[][] losses, double[][][] grads, long step, int epoch) {
    this.losses = losses;
    this.grads = grads;
    this.shared = new double[grads[0][0].length];
    this.step = step;
    this.epoch = epoch;
  }

  /** One loss sample. */
  public static ReplayContext of(double[] losses, double[][] grads) {
    return new ReplayContext(new double[][] {losses}, new double[][][] {grads}, 0, 0);
  }

  /** A context for one golden step ({@code stepIndex} optimizer steps before it). */
  public static ReplayContext of(GoldenCases.Case c, GoldenCases.Step s, int stepIndex, RandomSource random) {
    ReplayContext ctx = new ReplayContext(s.losses(), s.grads(), stepIndex, s.epoch())
        .withRandom(random)
        .withParameterSizes(c.paramSizes());
    if (s.stateIn() != null && s.stateIn().trainLossBuffer() != null) {
      ctx.withLossHistory(s.stateIn().trainLossBuffer());
    }
    if (s.rep() != null) {
      ctx.withRepresentation(s.rep(), s.repShape());
    }
    return ctx;
  }

  public ReplayContext withLossHistory(double[][] history) {
    this.lossHistory = history;
    return this;
  }

  public ReplayContext withRandom(RandomSource random) {
    this.random = random;
    return this;
  }

  public ReplayContext withRepresentation(double[] values, int[] shape) {
    this.representation = values;
    this.representationShape = shape;
    return this;
  }

  public ReplayContext withParameterSizes(int[] sizes) {
    this.parameterSizes = sizes;
    return this;
  }

  @Override
  public int taskCount() {
    return losses[0].length;
  }

  @Override
  public double[] losses(int sample) {
    return losses[sample].clone();
  }

  @Override
  public double[][] taskGradients(int sample) {
    double[][] g = grads[sample];
    double[][] copy = new double[g.length][];
    for (int t = 0; t < g.length; t++) {
      copy[t] = g[t].clone();
    }
    return copy;
  }

  @Override
  public double[] sharedGradient() {
    return shared;
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
    return lossHistory == null ? WeightingContext.super.lossHistory() : lossHistory;
  }

  @Override
  public RandomSource random() {
    return random == null ? WeightingContext.super.random() : random;
  }

  @Override
  public double[] representation() {
    return representation == null ? WeightingContext.super.representation() : representation.clone();
  }

  @Override
  public int[] representationShape() {
    return representationShape == null ? WeightingContext.super.representationShape() : representationShape.clone();
  }

  @Override
  public int[] parameterSizes() {
    return parameterSizes == null ? WeightingContext.super.parameterSizes() : parameterSizes.clone();
  }
}
