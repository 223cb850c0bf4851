package io.mtl4j.train;

import io.mtl4j.data.Batch;
import io.mtl4j.weighting.GramStandIn;
import io.mtl4j.weighting.StepWeights;

/**
 * Gradient weighting that reads the per-task gradients only through inner products: the rows of G stay float and
 * are summed over shards together with their T×T Gram matrix; the weighting runs on T-dimensional stand-ins
 * ({@link GramStandIn}) and the update Σ_t β_t·g_t is formed in float. No [T, d] double matrix exists.
 */
final class GramStandInStep implements StepMode {
  private final Parts parts;
  private final float[][] summed; // [task][shared]: per-task rows summed over shards

  GramStandInStep(Parts parts) {
    this.parts = parts;
    this.summed = new float[parts.shards().taskCount()][parts.reduce().sharedSize()];
  }

  @Override
  public Outcome run(Batch[][] drawn, int epoch, long step) {
    StepReduce reduce = parts.reduce();
    double[] losses = parts.forward(epoch, step, 0, false);
    parts.shards().run(ShardPass::backwardTasksAndPenalty);
    GramStandIn standIn = new GramStandIn(parts.context(), reduce.sumTaskRowsAndGram(summed));
    StepWeights weights = parts.weighting().combine(standIn);
    double[] scales = StepMode.scales(weights, losses.length);
    reduce.sum(reduce.sharedSize());
    reduce.combineRows(summed, standIn.coefficients());
    reduce.shared(null);
    reduce.scaleHeads(scales);
    return new Outcome(losses, weights, scales);
  }
}
