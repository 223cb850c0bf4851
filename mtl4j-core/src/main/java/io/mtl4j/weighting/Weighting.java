package io.mtl4j.weighting;

import java.util.Map;

/**
 * Turns per-task losses (and, when asked, per-task gradients) into one update of the shared parameters.
 *
 * <p>Contract with the trainer, which never names a method: the trainer reads {@link #requirements()} once, picks
 * the step that computes exactly that, and computes it before {@link #combine} (a context never starts a backward
 * pass).
 * <ol>
 *   <li>The trainer forwards {@link Requirements#lossSamples()} batches and gives the per-task losses to
 *       {@link #combine} (with several samples, also the per-task gradients of each).</li>
 *   <li>{@link Needs#LOSSES}: the method returns {@link StepWeights#lossScales()} m; the trainer back-propagates
 *       Σ_t m_t·L_t through the whole model (shared part and heads). For methods nonlinear in the losses (GLS,
 *       STCH, FAMO) m_t is ∂f/∂L_t of the method's objective f at the current losses.</li>
 *   <li>{@link Needs#SHARED_PARAM_GRADS} / {@link Needs#REPRESENTATION_GRADS}: the context holds the per-task
 *       gradients [T, d] of the shared parameters (or of the shared representation); the method writes the
 *       combined gradient into {@link WeightingContext#sharedGradient()}. Each task's head receives the gradient
 *       of its own loss scaled by {@link StepWeights#lossScales()} (ones when null).</li>
 *   <li>{@link #learnable(int)}: parameters of the weighting itself (UW, IMTL, GradNorm); {@link #combine} fills
 *       their gradient and the trainer's optimizer steps them together with the model.</li>
 *   <li>When {@link Requirements#lossesAfterStep()} is true the trainer recomputes the losses of the same batch
 *       after the optimizer step and passes them to {@link #afterStep} (FAMO).</li>
 * </ol>
 */
public interface Weighting {

  /** What the trainer must compute before {@link #combine}. */
  enum Needs { LOSSES, SHARED_PARAM_GRADS, REPRESENTATION_GRADS }

  /**
   * What a method asks the trainer to compute for each step; declared once per class, validated here.
   *
   * @param needs             losses only, or per-task gradients of the shared parameters or representation
   * @param innerProductsOnly {@link #combine} reads the gradients only through their inner products and updates
   *                          with one combination Σ_t β_t·g_t (projection and min-norm families): it gives the same
   *                          β for any vectors with the same Gram matrix, so the trainer may run it on
   *                          T-dimensional stand-ins ({@link GramStandIn}) instead of [T, d] gradients
   * @param lossSamples       independent batches per step (3 for MoDo and SDMGrad); several only with
   *                          {@link Needs#SHARED_PARAM_GRADS}: every sample is back-propagated per task, the method
   *                          gets each sample's losses and rows of G
   * @param headGradientScale factor on each task's head gradient after summing it over the samples (LibMTL: MoDo
   *                          divides by 3, SDMGrad keeps the sum); 1 unless there are several samples
   * @param lossesAfterStep   the trainer recomputes the losses of the same batch after the optimizer step and
   *                          passes them to {@link #afterStep} (FAMO)
   */
  record Requirements(Needs needs, boolean innerProductsOnly, int lossSamples, double headGradientScale,
                      boolean lossesAfterStep) {
    /** Losses only: one backward pass of Σ m_t·L_t (EW, UW, DWA…). */
    public static final Requirements LOSSES = new Requirements(Needs.LOSSES, false, 1, 1, false);
    /** Per-task gradients of the shared parameters, read coordinate by coordinate. */
    public static final Requirements PARAMETER_GRADIENTS =
        new Requirements(Needs.SHARED_PARAM_GRADS, false, 1, 1, false);
    /** Per-task gradients of the shared parameters, read only through inner products (Gram stand-ins allowed). */
    public static final Requirements INNER_PRODUCTS = new Requirements(Needs.SHARED_PARAM_GRADS, true, 1, 1, false);
    /** Per-task gradients of the shared representation, read coordinate by coordinate. */
    public static final Requirements REPRESENTATION_GRADIENTS =
        new Requirements(Needs.REPRESENTATION_GRADS, false, 1, 1, false);

    public Requirements {
      if (needs == null) throw new IllegalArgumentException("requirements: needs is missing");
      if (lossSamples < 1) {
        throw new IllegalArgumentException("requirements: lossSamples = " + lossSamples + ", expected ≥ 1");
      }
      if (lossSamples > 1 && needs != Needs.SHARED_PARAM_GRADS) {
        throw new IllegalArgumentException("requirements: lossSamples = " + lossSamples + " with needs = " + needs
            + ": several loss samples are supported only with SHARED_PARAM_GRADS");
      }
      if (innerProductsOnly && needs == Needs.LOSSES) {
        throw new IllegalArgumentException("requirements: innerProductsOnly with needs = LOSSES: there are no "
            + "gradients to take inner products of");
      }
      if (!(headGradientScale > 0 && Double.isFinite(headGradientScale))) {
        throw new IllegalArgumentException("requirements: headGradientScale = " + headGradientScale
            + ", expected a finite value > 0");
      }
      if (headGradientScale != 1 && lossSamples == 1) {
        throw new IllegalArgumentException("requirements: headGradientScale = " + headGradientScale
            + " with one loss sample: the scale applies to head gradients summed over several samples");
      }
    }

    /** The same, with {@code samples} loss samples whose summed head gradients are scaled by {@code headScale}. */
    public Requirements withLossSamples(int samples, double headScale) {
      return new Requirements(needs, innerProductsOnly, samples, headScale, lossesAfterStep);
    }

    /** The same, with the losses recomputed after each optimizer step for {@link #afterStep}. */
    public Requirements withLossesAfterStep() {
      return new Requirements(needs, innerProductsOnly, lossSamples, headGradientScale, true);
    }
  }

  /** What the trainer computes before each {@link #combine}; the same value on every call. */
  Requirements requirements();

  /** Combines one step. Called once per optimizer step, in order; stateful methods keep their state here. */
  StepWeights combine(WeightingContext ctx);

  /**
   * Learnable parameters of the weighting for {@code tasks} tasks (empty for most methods). Created on the first
   * call, the same object afterwards, so the trainer can register them with its optimizer before the first step.
   */
  default LearnableParameters learnable(int tasks) {
    return LearnableParameters.NONE;
  }

  /**
   * Whether {@link #combine} reads the step's losses. False only for {@link Needs#LOSSES} methods whose loss scales
   * do not depend on them (EW, fixed weights; DWA, which reads previous epochs' losses only): a cluster step then
   * takes the scales before the forward pass and runs one combined pass instead of a forward-only pass followed by a
   * backward one.
   */
  default boolean readsLosses() {
    return true;
  }

  /**
   * For a {@link Needs#LOSSES} method whose {@link #combine} reads the step's losses only for something other than
   * its loss scales (UW: the gradient of its learnable log-variances), the loss scales m [T] the next
   * {@link #combine} will return, computed before the step's losses exist; null otherwise. A cluster step then runs
   * one combined pass with these scales and calls {@link #combine} once, after it, with that pass's losses; it
   * checks that {@link #combine} returned these scales bit for bit. Must not change the method's state.
   */
  default double[] lossScalesBeforeLosses(int tasks) {
    return null;
  }

  /** Receives the per-task losses [T] of the same batch after the optimizer step (see {@link Requirements}). */
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
