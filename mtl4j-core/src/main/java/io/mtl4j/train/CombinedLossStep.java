package io.mtl4j.train;

import io.mtl4j.data.Batch;
import io.mtl4j.weighting.StepWeights;

/**
 * Loss weighting (EW, UW, DWA, FAMO…): the weighting turns the losses into scales m, then one backward pass of
 * Σ_t m_t·L_t per shard. Without a weighting (a step in which some task has no batch) m is all ones.
 */
final class CombinedLossStep implements StepMode {
  private final Parts parts;

  CombinedLossStep(Parts parts) {
    this.parts = parts;
  }

  @Override
  public Outcome run(Batch[][] drawn, int epoch, long step) {
    double[] losses = parts.forward(epoch, step, 0, false);
    StepWeights weights = parts.weighting() == null ? null : parts.weighting().combine(parts.context());
    double[] scales = StepMode.scales(weights, losses.length);
    parts.shards().run(pass -> pass.backwardCombined(scales));
    parts.reduce().sum(0);
    return new Outcome(losses, weights, scales);
  }
}
