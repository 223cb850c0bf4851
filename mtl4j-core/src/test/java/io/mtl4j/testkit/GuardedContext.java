package io.mtl4j.testkit;

import io.mtl4j.weighting.RandomSource;
import io.mtl4j.weighting.Weighting;
import io.mtl4j.weighting.WeightingContext;

/**
 * A {@link WeightingContext} that fails on every read the method's declared requirements do not cover: gradients
 * for {@link Weighting.Needs#LOSSES} methods, samples beyond {@link Weighting.Requirements#lossSamples()}, the representation
 * unless {@link Weighting.Needs#REPRESENTATION_GRADS}, the step's losses when {@link Weighting#readsLosses()} is false
 * (a cluster step then gives the scales before the losses exist). The trainer computes only what is declared, so such a read
 * would see nothing real.
 */
final class GuardedContext implements WeightingContext {
  private final WeightingContext inner;
  private final Weighting.Needs needs;
  private final int samples;
  private final boolean readsLosses;

  GuardedContext(WeightingContext inner, Weighting method) {
    this.inner = inner;
    this.readsLosses = method.readsLosses();
    this.needs = method.requirements().needs();
    this.samples = method.requirements().lossSamples();
  }

  @Override
  public int taskCount() {
    return inner.taskCount();
  }

  @Override
  public double[] losses(int sample) {
    checkSample(sample);
    if (!readsLosses) throw new AssertionError("reads the step's losses but declares readsLosses() = false");
    return inner.losses(sample);
  }

  @Override
  public double[][] taskGradients(int sample) {
    if (needs == Weighting.Needs.LOSSES) {
      throw new AssertionError("reads task gradients but declares requirements().needs() = LOSSES");
    }
    checkSample(sample);
    return inner.taskGradients(sample);
  }

  @Override
  public double[] sharedGradient() {
    return inner.sharedGradient();
  }

  @Override
  public long step() {
    return inner.step();
  }

  @Override
  public int epoch() {
    return inner.epoch();
  }

  @Override
  public double[][] lossHistory() {
    return inner.lossHistory();
  }

  @Override
  public RandomSource random() {
    return inner.random();
  }

  @Override
  public double[] representation() {
    checkRepresentation();
    return inner.representation();
  }

  @Override
  public int[] representationShape() {
    checkRepresentation();
    return inner.representationShape();
  }

  @Override
  public int[] parameterSizes() {
    return inner.parameterSizes();
  }

  private void checkSample(int sample) {
    if (sample >= samples) {
      throw new AssertionError("reads loss sample " + sample + " but declares lossSamples() = " + samples);
    }
  }

  private void checkRepresentation() {
    if (needs != Weighting.Needs.REPRESENTATION_GRADS) {
      throw new AssertionError("reads the representation but declares requirements().needs() = " + needs);
    }
  }
}
