package io.mtl4j.weighting;

import java.util.Map;

/**
 * Turns per-task losses (and, when asked, per-task gradients) into one update of the shared parameters.
 *
 * <p>Contract with the trainer, which never names a method:
 * <ol>
 *   <li>The trainer forwards {@link #lossSamples()} batches and gives the per-task losses to {@link #combine}
 *       (with several samples, also the per-task gradients of each; see {@link #headGradientScale()}).</li>
 *   <li>{@link Needs#LOSSES}: the method returns {@link StepWeights#lossScales()} m; the trainer back-propagates
 *       Σ_t m_t·L_t through the whole model (shared part and heads). For methods nonlinear in the losses (GLS,
 *       STCH, FAMO) m_t is ∂f/∂L_t of the method's objective f at the current losses.</li>
 *   <li>{@link Needs#SHARED_PARAM_GRADS} / {@link Needs#REPRESENTATION_GRADS}: the context holds the per-task
 *       gradients [T, d] of the shared parameters (or of the shared representation); the method writes the
 *       combined gradient into {@link WeightingContext#sharedGradient()}. Each task's head receives the gradient
 *       of its own loss scaled by {@link StepWeights#lossScales()} (ones when null).</li>
 *   <li>{@link #learnable(int)}: parameters of the weighting itself (UW, IMTL, GradNorm); {@link #combine} fills
 *       their gradient and the trainer's optimizer steps them together with the model.</li>
 *   <li>When {@link #needsLossesAfterStep()} is true the trainer recomputes the losses of the same batch after the
 *       optimizer step and passes them to {@link #afterStep} (FAMO).</li>
 * </ol>
 */
public interface Weighting {

  /** What the trainer must compute before {@link #combine}. */
  enum Needs { LOSSES, SHARED_PARAM_GRADS, REPRESENTATION_GRADS }

  Needs needs();

  /**
   * Independent loss samples (batches) per step; 3 for MoDo and SDMGrad. More than one is supported for
   * {@link Needs#SHARED_PARAM_GRADS}: the trainer back-propagates every sample per task, hands the weighting each
   * sample's losses and rows of G, and gives the heads their gradient summed over the samples times
   * {@link #headGradientScale()}.
   */
  default int lossSamples() {
    return 1;
  }

  /**
   * Whether {@link #combine} looks at the task gradients only through their inner products and updates with a linear
   * combination Σ_t β_t·g_t of them (the projection and min-norm families). Such a method gives the same β for any
   * vectors with the same Gram matrix, so the trainer may run it on T-dimensional stand-ins ({@link GramStandIn})
   * instead of [T, d] gradients: what makes representation-gradient mode cheap.
   */
  default boolean innerProductsOnly() {
    return false;
  }

  /**
   * Factor on each task's head gradient (task-owned parameters) after summing it over the {@link #lossSamples()}
   * samples; used only when there are several. LibMTL: MoDo divides by 3 (the mean), SDMGrad keeps the sum (1).
   */
  default double headGradientScale() {
    return 1.0;
  }

  /** Combines one step. Called once per optimizer step, in order; stateful methods keep their state here. */
  StepWeights combine(WeightingContext ctx);

  /**
   * Learnable parameters of the weighting for {@code tasks} tasks (empty for most methods). Created on the first
   * call, the same object afterwards, so the trainer can register them with its optimizer before the first step.
   */
  default LearnableParameters learnable(int tasks) {
    return LearnableParameters.NONE;
  }

  /** Whether the trainer must call {@link #afterStep} with the losses recomputed after the optimizer step. */
  default boolean needsLossesAfterStep() {
    return false;
  }

  /** Receives the per-task losses [T] of the same batch after the optimizer step. */
  default void afterStep(double[] lossesAfter) {}

  /**
   * Read-only snapshot of the internal state by LibMTL's attribute names (scalars as length-1 arrays, matrices
   * flattened row-major, a null value for a state LibMTL holds as None); for checkpoints, logs and golden tests.
   */
  default Map<String, double[]> state() {
    return Map.of();
  }

  /**
   * Puts back a {@link #state()} snapshot so that the next steps continue exactly (checkpoint resume). Stateless
   * methods accept only an empty state; a stateful method that does not implement it refuses to resume.
   */
  default void restoreState(Map<String, double[]> state) {
    if (!state.isEmpty()) {
      throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot restore its state " + state.keySet()
          + " from a checkpoint: resume is not supported for this weighting");
    }
  }
}
