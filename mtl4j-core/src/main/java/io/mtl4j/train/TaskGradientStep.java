package io.mtl4j.train;

import io.mtl4j.data.Batch;
import io.mtl4j.weighting.StepWeights;

/**
 * Gradient weighting on the full per-task gradients of the shared parameters (methods that read them coordinate by
 * coordinate): one backward pass per task and shard, rows of G [T, d] summed over shards, the weighting writes the
 * combined shared gradient; each head gets its own task's gradient times its loss scale.
 */
final class TaskGradientStep implements StepMode {
  private final Parts parts;

  TaskGradientStep(Parts parts) {
    this.parts = parts;
  }

  @Override
  public Outcome run(Batch[][] drawn, int epoch, long step) {
    double[] losses = parts.forward(epoch, step, 0, false);
    parts.shards().run(ShardPass::backwardTasksAndPenalty);
    parts.reduce().gatherRows(parts.context().rows(0));
    StepWeights weights = parts.weighting().combine(parts.context());
    double[] scales = StepMode.scales(weights, losses.length);
    parts.reduce().withCombinedShared(parts.context().sharedGradient(), scales);
    return new Outcome(losses, weights, scales);
  }
}
