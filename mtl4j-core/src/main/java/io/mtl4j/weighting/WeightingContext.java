package io.mtl4j.weighting;

/** Everything a weighting may read for one step; gradients are materialised only for methods that need them. */
public interface WeightingContext {
  int taskCount();

  /** Per-task losses of loss sample 0, [T]. */
  default double[] losses() {
    return losses(0);
  }

  double[] losses(int sample);

  /** Per-task gradients [T, d] of loss sample 0; only for methods whose requirements ask for gradients. */
  default double[][] taskGradients() {
    return taskGradients(0);
  }

  /**
   * Per-task gradients [T, d] of one loss sample. For {@link Weighting.Needs#REPRESENTATION_GRADS} d is the
   * flattened representation [B·R] (row-major, see {@link #representationShape()}). A method may modify the
   * returned arrays in place.
   */
  double[][] taskGradients(int sample);

  /** Output: the combined gradient [d] of the shared parameters (or representation). */
  double[] sharedGradient();

  /** Optimizer steps taken before this one (0 on the first step). */
  long step();

  /** Current epoch, 0-based. */
  int epoch();

  /**
   * Mean training loss per task and finished epoch, [T][epochs] (LibMTL's {@code train_loss_buffer}); column e is
   * filled for every e &lt; {@link #epoch()}. Read by DWA and GradNorm.
   */
  default double[][] lossHistory() {
    throw new IllegalStateException("this WeightingContext keeps no per-epoch loss history");
  }

  /** The random stream of this weighting (PCGrad and GradVac shuffles, RLW and GradDrop draws). */
  default RandomSource random() {
    throw new IllegalStateException("this WeightingContext provides no RandomSource");
  }

  /**
   * Values of the shared representation, flattened row-major [B·R]; only for
   * {@link Weighting.Needs#REPRESENTATION_GRADS}.
   */
  default double[] representation() {
    throw new IllegalStateException("this WeightingContext provides no representation values");
  }

  /** Shape {B, R} of {@link #representation()}. */
  default int[] representationShape() {
    throw new IllegalStateException("this WeightingContext provides no representation shape");
  }

  /**
   * Sizes of the shared parameter tensors, in the order their gradients are concatenated (summing to d).
   * GradVac groups its similarity statistics by them; default: one block of d.
   */
  default int[] parameterSizes() {
    return new int[] {sharedGradient().length};
  }

  /** Sizes of the shared leaf modules (each the sum of its tensors' sizes); default: {@link #parameterSizes()}. */
  default int[] moduleSizes() {
    return parameterSizes();
  }
}
