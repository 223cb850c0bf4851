package io.mtl4j.nn;

import java.util.List;

/**
 * Folds the batch statistics that training passes recorded ({@link Graph#recordStatistics}) into the running averages
 * kept as state in the {@link ParameterBuffer} (batch norm's running mean and variance).
 *
 * <p>Data-parallel training runs one {@link Graph} per shard; each normalises with its own shard's statistics (as
 * PyTorch's DistributedDataParallel without SyncBatchNorm). Here the shards' means and variances are merged exactly
 * (Chan et al. 1979's pairwise update) in shard order, so the running averages see the whole batch, do not depend
 * on thread timing, and the forward passes never write shared memory. Call once per step, after the optimizer.
 */
public final class RunningStatistics {
  private RunningStatistics() {}

  /**
   * One layer's statistics from one pass: the channels' batch mean and biased variance over {@code count} values each.
   *
   * @param momentum weight of the new batch in the running average (PyTorch's {@code momentum}, default 0.1)
   */
  public record Batch(ParameterBuffer.ParameterRef runningMean, ParameterBuffer.ParameterRef runningVariance,
                      float[] mean, float[] variance, long count, float momentum) {
    public Batch {
      if (mean.length != variance.length || count <= 0 || !(momentum >= 0 && momentum <= 1)) {
        throw new IllegalArgumentException("RunningStatistics.Batch: " + mean.length + " means, " + variance.length
            + " variances, count " + count + ", momentum " + momentum + "; expected equal lengths, count > 0 and "
            + "momentum in [0, 1]");
      }
    }
  }

  /**
   * running ← (1 − momentum)·running + momentum·batch for every layer, the variance unbiased (÷ (n − 1)) as in
   * PyTorch; the batch merges the shards' statistics in list order.
   *
   * @param shards the graphs of one step's forward passes, in shard order (every one ran the same layers)
   */
  public static void apply(ParameterBuffer buffer, List<Graph> shards) {
    if (shards.isEmpty()) return;
    int layers = shards.get(0).statistics().size();
    for (Graph g : shards) {
      if (g.statistics().size() != layers) {
        throw new IllegalStateException("RunningStatistics: shards recorded " + layers + " and "
            + g.statistics().size() + " batch statistics; every shard must run the same layers");
      }
    }
    for (int layer = 0; layer < layers; layer++) {
      Batch first = shards.get(0).statistics().get(layer);
      int channels = first.mean().length;
      float[] running = buffer.values();
      int meanAt = buffer.get(first.runningMean().name()).offset();
      int varAt = buffer.get(first.runningVariance().name()).offset();
      for (int c = 0; c < channels; c++) {
        double n = 0, mean = 0, squares = 0; // squares: Σ (x − mean)² over the merged values
        for (Graph g : shards) {
          Batch b = g.statistics().get(layer);
          double m = b.count(), delta = b.mean()[c] - mean, total = n + m;
          squares += b.variance()[c] * m + delta * delta * n * m / total;
          mean += delta * m / total;
          n = total;
        }
        double unbiased = n > 1 ? squares / (n - 1) : squares;
        float momentum = first.momentum();
        running[meanAt + c] = (float) ((1 - momentum) * running[meanAt + c] + momentum * mean);
        running[varAt + c] = (float) ((1 - momentum) * running[varAt + c] + momentum * unbiased);
      }
    }
  }
}
