package io.mtl4j.weighting;

/**
 * Turns per-task losses (and, when asked, per-task gradients) into one update of the shared parameters.
 *
 * <p>Contract with the trainer, which never names a method:
 * <ol>
 *   <li>The trainer forwards {@link #lossSamples()} batches and gives the per-task losses to {@link #combine}.</li>
 *   <li>{@link Needs#LOSSES}: the method returns {@link StepWeights#lossScales()} m; the trainer back-propagates
 *       Σ_t m_t·L_t through the whole model (shared part and heads).</li>
 *   <li>{@link Needs#SHARED_PARAM_GRADS} / {@link Needs#REPRESENTATION_GRADS}: the context holds the per-task
 *       gradients [T, d] of the shared parameters (or of the shared representation); the method writes the
 *       combined gradient into {@link WeightingContext#sharedGradient()}. Each task's head receives the gradient
 *       of its own loss scaled by {@link StepWeights#lossScales()} (ones when null).</li>
 * </ol>
 */
public interface Weighting {

  /** What the trainer must compute before {@link #combine}. */
  enum Needs { LOSSES, SHARED_PARAM_GRADS, REPRESENTATION_GRADS }

  Needs needs();

  /** Independent loss samples (batches) per step; 3 for MoDo and SDMGrad. */
  default int lossSamples() {
    return 1;
  }

  /** Combines one step. Called once per optimizer step, in order; stateful methods keep their state here. */
  StepWeights combine(WeightingContext ctx);
}
