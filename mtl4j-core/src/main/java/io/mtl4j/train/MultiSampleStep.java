package io.mtl4j.train;

import io.mtl4j.data.Batch;
import io.mtl4j.weighting.StepWeights;

/**
 * A step on several independent batches (MoDo, SDMGrad), as in LibMTL: each sample is forwarded with its own
 * dropout stream and back-propagated per task; the weighting reads every sample's losses and rows of G, while the
 * head gradients add up over the samples and are scaled by the requirements' head-gradient scale.
 */
final class MultiSampleStep implements StepMode {
  private final Parts parts;
  private final int samples;
  private final float headScale;

  MultiSampleStep(Parts parts, int samples, double headScale) {
    this.parts = parts;
    this.samples = samples;
    this.headScale = (float) headScale;
  }

  @Override
  public int samples() {
    return samples;
  }

  @Override
  public Outcome run(Batch[][] drawn, int epoch, long step) {
    Shards shards = parts.shards();
    StepReduce reduce = parts.reduce();
    double[] mean = new double[shards.taskCount()];
    for (int k = 0; k < samples; k++) {
      if (k > 0) shards.use(drawn[k]);
      double[] losses = parts.forward(epoch, step, k, false);
      for (int t = 0; t < mean.length; t++) mean[t] += losses[t] / samples;
      boolean first = k == 0, last = k == samples - 1;
      shards.run(pass -> {
        pass.backwardTasks(first);
        if (!last) return;
        // The penalty joins once per step, unscaled.
        if (headScale != 1f) pass.scaleHeads(headScale);
        pass.backwardPenalty();
      });
      reduce.gatherRows(parts.context().rows(k));
    }
    StepWeights weights = parts.weighting().combine(parts.context());
    double[] scales = StepMode.scales(weights, mean.length);
    reduce.withCombinedShared(parts.context().sharedGradient(), scales);
    return new Outcome(mean, weights, scales);
  }
}
