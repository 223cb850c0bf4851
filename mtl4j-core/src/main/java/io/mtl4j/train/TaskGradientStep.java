package io.mtl4j.train;

import io.mtl4j.data.Batch;
import io.mtl4j.nn.Mode;
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
    Shards shards = parts.shards();
    StepReduce reduce = parts.reduce();
    shards.forward(step, 0, Mode.TRAIN, false);
    shards.checkFinite(epoch, step);
    double[] losses = shards.losses().clone();
    parts.context().setLosses(0, losses);
    shards.run(pass -> {
      pass.backwardTasks(true);
      pass.backwardPenalty();
    });
    reduce.gatherRows(parts.context().rows(0));
    StepWeights weights = parts.weighting().combine(parts.context());
    double[] scales = StepMode.scales(weights, losses.length);
    reduce.sum(reduce.sharedSize());
    reduce.shared(parts.context().sharedGradient());
    reduce.scaleHeads(scales);
    return new Outcome(losses, weights, scales);
  }
}
