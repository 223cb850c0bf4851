package io.mtl4j.train;

import io.mtl4j.data.Batch;
import io.mtl4j.data.RowStream;
import io.mtl4j.data.ShuffleBuffer;
import java.util.SplittableRandom;

/**
 * The steps of an out-of-core epoch: one read of the file through a seeded {@link ShuffleBuffer}, every task on the
 * same rows. The epoch's order depends on (seed, epoch) and the buffer size only, so a resumed run replays it.
 */
final class StreamPlan extends BatchPlan {
  private final RowStream data;
  private final ShuffleBuffer buffer;
  private final int batchSize;
  private final boolean[] trained;
  private Batch[] batches; // [sample]
  private RowStream.Chunks chunks;
  private SplittableRandom random;

  /** @param trained per model task, whether it trains (null: all); the others get no batch */
  StreamPlan(RowStream data, int batchSize, boolean[] trained) {
    if (data.rows() == 0) throw new IllegalArgumentException("training data has no rows on the training side of the split");
    this.data = data;
    this.batchSize = (int) Math.max(1, Math.min(batchSize, data.rows()));
    this.buffer = new ShuffleBuffer(data, data.options().shuffleBuffer());
    this.batches = new Batch[] {buffer.newBatch(this.batchSize)};
    this.trained = trained;
  }

  int stepsPerEpoch() {
    return (int) ((data.rows() + batchSize - 1) / batchSize);
  }

  boolean sharesRows() {
    return true;
  }

  void beginEpoch(SplittableRandom random) {
    this.random = random;
    restart();
  }

  /** Reads the file again from its start: a new epoch, or an extra loss sample reading past the end. */
  private void restart() {
    close();
    chunks = data.open();
    buffer.begin(chunks, random);
  }

  void advance(Batch[] perTask, boolean load, int sample) {
    batches = grow(batches, sample);
    if (batches[sample] == null) batches[sample] = buffer.newBatch(batchSize);
    Batch batch = batches[sample];
    // Skipped draws still read their rows: the buffer's later draws depend on them.
    if (buffer.fill(batch, batchSize) == 0) {
      restart();
      buffer.fill(batch, batchSize);
    }
    for (int t = 0; t < perTask.length; t++) perTask[t] = trained == null || trained[t] ? batch : null;
  }

  @Override
  public void close() {
    if (chunks != null) chunks.close();
    chunks = null;
  }
}
