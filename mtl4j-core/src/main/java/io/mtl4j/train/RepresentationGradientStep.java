package io.mtl4j.train;

import io.mtl4j.data.Batch;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.weighting.GramStandIn;
import io.mtl4j.weighting.StepWeights;

/**
 * Gradient weighting on the shared representation (LibMTL's {@code rep_grad}): one backward pass per task and shard
 * down to the shared cut only, the weighting combines the rows of G [T, B·R], and one pass per shard carries the
 * combination through the shared part. Inner-product methods run on the rows' Gram matrix ({@link GramStandIn}), so
 * the combination Σ_t β_t·∂L_t/∂rep is formed in float on each shard.
 */
final class RepresentationGradientStep implements StepMode {
  private final Parts parts;
  private final boolean standIns;

  RepresentationGradientStep(Parts parts, boolean standIns) {
    this.parts = parts;
    this.standIns = standIns;
  }

  @Override
  public Outcome run(Batch[][] drawn, int epoch, long step) {
    double[] losses = parts.forward(epoch, step, 0, true);
    StepWeights weights = standIns ? onStandIns(parts.shards()) : onRows(parts.shards());
    double[] scales = StepMode.scales(weights, losses.length);
    parts.reduce().sum(0);
    parts.reduce().scaleHeads(scales);
    return new Outcome(losses, weights, scales);
  }

  private StepWeights onStandIns(Shards shards) {
    int tasks = shards.taskCount();
    double[][][] partial = new double[shards.workers()][tasks][tasks];
    shards.runWorkers(w -> { // the shard's rows are still in cache when their Gram part is formed
      ShardPass pass = shards.pass(w);
      pass.backwardToRepresentation();
      float[][] rows = pass.representationRows();
      TaskGradientRows.gram(rows, 0, rows[0].length, partial[w]);
    });
    GramStandIn standIn = new GramStandIn(parts.context(), StepReduce.symmetric(partial));
    StepWeights weights = parts.weighting().combine(standIn);
    double[] beta = standIn.coefficients();
    shards.run(pass -> pass.backwardFromRepresentation(beta));
    return weights;
  }

  private StepWeights onRows(Shards shards) {
    shards.run(ShardPass::backwardToRepresentation);
    int width = 0;
    int[] offsets = new int[shards.workers()];
    for (int w = 0; w < shards.workers(); w++) {
      width += shards.pass(w).representationRows()[0].length;
      Tensor rep = shards.pass(w).representation();
      if (w + 1 < offsets.length) offsets[w + 1] = offsets[w] + (rep == null ? 0 : rep.size());
    }
    parts.reduce().joinRepresentationRows(parts.context().representationRows(shards, width));
    StepWeights weights = parts.weighting().combine(parts.context());
    double[] combined = parts.context().sharedGradient();
    shards.runWorkers(w -> shards.pass(w).backwardFromRepresentation(combined, offsets[w]));
    return weights;
  }
}
