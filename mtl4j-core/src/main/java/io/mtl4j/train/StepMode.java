package io.mtl4j.train;

import io.mtl4j.data.Batch;
import io.mtl4j.nn.Mode;
import io.mtl4j.weighting.StepWeights;
import io.mtl4j.weighting.Weighting;
import io.mtl4j.weighting.Weighting.Needs;
import io.mtl4j.weighting.Weighting.Requirements;
import java.util.Arrays;

/**
 * How one step computes its gradient, chosen once per run from the weighting's {@link Requirements}: each mode runs
 * the local part on every shard ({@link ShardPass}: forward, then the per-task gradients or Gram data the
 * requirements ask for), reduces them in worker order ({@link StepReduce}), calls the weighting once on the reduced
 * quantities, and leaves the step's gradient in {@link StepReduce#gradient()} for the update.
 */
sealed interface StepMode
    permits CombinedLossStep, TaskGradientStep, GramStandInStep, RepresentationGradientStep, MultiSampleStep {

  /**
   * What every mode works with: the shards, the global reduction, the weighting's view and the weighting (null for
   * the plain sum of a step in which a task has no batch).
   */
  record Parts(Shards shards, StepReduce reduce, StepContext context, Weighting weighting) {
    /**
     * Forwards loss sample {@code sample} on every shard, refuses a non-finite loss, and hands the losses to the
     * weighting's context; returns a copy of them.
     */
    double[] forward(int epoch, long step, int sample, boolean keepRepresentation) {
      shards.forward(epoch, step, sample, Mode.TRAIN, keepRepresentation);
      shards.checkFinite(epoch, step);
      context.setLosses(sample, shards.losses());
      return shards.losses().clone();
    }
  }

  /**
   * What a step applied: the per-task losses (the mean over the loss samples when there are several), the weights
   * the weighting returned, and the scales applied to each task's loss or head gradient.
   */
  record Outcome(double[] losses, StepWeights weights, double[] scales) {}

  /** Batches drawn per step. */
  default int samples() {
    return 1;
  }

  /**
   * Runs one step on the batches already in the shards ({@code drawn[k]} holds loss sample k's); throws
   * {@link NonFiniteLossException} before back-propagating a non-finite loss.
   */
  Outcome run(Batch[][] drawn, int epoch, long step);

  /**
   * The mode that computes what {@code requirements} ask for; refuses combinations no mode supports, naming the
   * setting to change.
   *
   * @param representationGradients training.representationGradients: gradients of the shared cut, not parameters
   * @param sharedCut               whether the model has one tensor between its shared and task-owned parts
   * @param sharedRows              whether every task is trained on the same rows (single-input data)
   */
  static StepMode choose(Requirements requirements, boolean representationGradients, boolean sharedCut,
                         boolean sharedRows, Parts parts) {
    String name = "weighting '" + parts.weighting().getClass().getSimpleName() + "'";
    boolean onRepresentation = requirements.needs() == Needs.REPRESENTATION_GRADS
        || representationGradients && requirements.needs() == Needs.SHARED_PARAM_GRADS;
    if (onRepresentation && requirements.needs() == Needs.SHARED_PARAM_GRADS) {
      if (!requirements.innerProductsOnly() || requirements.lossSamples() > 1) {
        throw new IllegalArgumentException("training.representationGradients: " + name + " reads gradients "
            + "coordinate by coordinate or over several loss samples, which a representation's gradient (one per "
            + "batch row) does not support; use it on the shared parameters, or choose one of the "
            + "projection/min-norm methods");
      }
    }
    if (onRepresentation && !sharedCut) {
      throw new IllegalArgumentException(name + " combines gradients of one shared representation, but the "
          + "model has no single tensor between its shared and task-owned parts (Architecture.hasSharedCut; a dense "
          + "head reads the image trunk past it): choose an architecture that has one, or gradients of the shared "
          + "parameters");
    }
    if (onRepresentation && !sharedRows) {
      throw new IllegalArgumentException(name + " combines gradients of one shared representation: it needs "
          + "single-input data (every task on the same rows)");
    }
    if (requirements.needs() == Needs.LOSSES) return new CombinedLossStep(parts);
    if (requirements.lossSamples() > 1) {
      return new MultiSampleStep(parts, requirements.lossSamples(), requirements.headGradientScale());
    }
    if (onRepresentation) return new RepresentationGradientStep(parts, requirements.innerProductsOnly());
    return requirements.innerProductsOnly() ? new GramStandInStep(parts) : new TaskGradientStep(parts);
  }

  /** Each task's scale of its loss or head gradient: the weighting's, ones when it gives none. */
  static double[] scales(StepWeights weights, int tasks) {
    if (weights != null && weights.lossScales() != null) return weights.lossScales();
    double[] ones = new double[tasks];
    Arrays.fill(ones, 1.0);
    return ones;
  }
}
