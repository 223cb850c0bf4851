package io.mtl4j.train;

import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.optim.GradClip;
import io.mtl4j.optim.Optimizer;
import io.mtl4j.optim.Workers;
import io.mtl4j.weighting.LearnableParameters;

/**
 * The end of the global part: clips the reduced gradient, refuses a non-finite one before anything changes, and
 * steps the model's trainable ranges (frozen ones are masked out: they, and their optimizer state, never move) and
 * the weighting's own learnable parameters.
 */
final class ParameterUpdate {
  private final ParameterBuffer buffer;
  private final double gradClipNorm;
  private final int[][] trainable;
  private final LearnableParameters learnable;
  private final float[] learnableValues;
  private final float[] learnableGradients;
  private Optimizer optimizer;
  private Optimizer learnableOptimizer;
  private final Workers workers;

  ParameterUpdate(ParameterBuffer buffer, FrozenParameters frozen, double gradClipNorm, LearnableParameters learnable,
                  Optimizer optimizer, Optimizer learnableOptimizer) {
    this(buffer, frozen, gradClipNorm, learnable, optimizer, learnableOptimizer, Workers.SERIAL);
  }

  /** {@code workers}: the threads the model optimizer's elementwise loop may be split over. */
  ParameterUpdate(ParameterBuffer buffer, FrozenParameters frozen, double gradClipNorm, LearnableParameters learnable,
                  Optimizer optimizer, Optimizer learnableOptimizer, Workers workers) {
    this.workers = workers;
    this.buffer = buffer;
    this.gradClipNorm = gradClipNorm;
    this.trainable = frozen.trainable(buffer.trainableSize());
    this.learnable = learnable;
    this.learnableValues = new float[learnable.size()];
    this.learnableGradients = new float[learnable.size()];
    this.optimizer = optimizer;
    this.learnableOptimizer = learnableOptimizer;
  }

  /**
   * Clips {@code gradient} and steps the parameters with it.
   *
   * @param support ascending ranges outside which {@code gradient} is zero (dense parameters and the touched rows of
   *                row-sparse tables), or null for the whole buffer. Only they are clipped and updated: the rows of a
   *                table no step touched keep their values and optimizer state (lazy Adam, see {@link
   *                io.mtl4j.optim.Adam}).
   */
  void apply(float[] gradient, int[][] support, int epoch, long step) {
    // Over the whole gradient, frozen ranges included, so masking changes nothing for the values that do train.
    double norm = support == null
        ? gradClipNorm > 0 ? GradClip.clipByGlobalNorm(gradient, gradClipNorm) : GradClip.globalNorm(gradient)
        : gradClipNorm > 0 ? GradClip.clipByGlobalNorm(gradient, support, gradClipNorm)
        : GradClip.norm(gradient, 0, gradient.length, support);
    update(gradient, support, norm, epoch, step);
  }

  /**
   * As {@link #apply} for a caller that has already computed the whole gradient's {@code norm} over
   * {@code support} (not null): one pass fewer over the touched rows.
   */
  void apply(float[] gradient, int[][] support, double norm, int epoch, long step) {
    if (gradClipNorm > 0) GradClip.clip(gradient, support, norm, gradClipNorm);
    update(gradient, support, norm, epoch, step);
  }

  private void update(float[] gradient, int[][] support, double norm, int epoch, long step) {
    // Checked before anything is updated, so a skipped batch leaves parameters and optimizer state untouched.
    if (!Double.isFinite(norm)) throw new NonFiniteLossException(null, epoch, step, norm);
    stepLearnable();
    optimizer.step(buffer.values(), gradient, ranges(support), workers);
  }

  /** The trainable part of {@code support}: the support itself when no range is frozen (nothing to cut away). */
  private int[][] ranges(int[][] support) {
    if (support == null) return trainable;
    boolean whole = trainable.length == 1 && trainable[0][0] == 0
        && (support.length == 0 || support[support.length - 1][1] <= trainable[0][1]);
    return whole ? support : RowSparseGradients.intersect(support, trainable);
  }

  /** Steps a weighting's own learnable parameters (UW, IMTL, GradNorm) with the run's optimizer type. */
  private void stepLearnable() {
    if (learnable.size() == 0 || !learnable.hasGradient()) return;
    double[] v = learnable.values(), g = learnable.gradients();
    for (int i = 0; i < v.length; i++) {
      learnableValues[i] = (float) v[i];
      learnableGradients[i] = (float) g[i];
    }
    learnableOptimizer.step(learnableValues, learnableGradients, 0, learnableValues.length);
    double[] updated = new double[v.length];
    for (int i = 0; i < v.length; i++) updated[i] = learnableValues[i];
    learnable.setValues(updated);
  }

  /** Swaps in new optimizers (a rollback lowers the learning rate); their state is restored separately. */
  void setOptimizers(Optimizer model, Optimizer learnableModel) {
    this.optimizer = model;
    this.learnableOptimizer = learnableModel;
  }

  Optimizer optimizer() {
    return optimizer;
  }

  Optimizer learnableOptimizer() {
    return learnableOptimizer;
  }

  LearnableParameters learnable() {
    return learnable;
  }
}
