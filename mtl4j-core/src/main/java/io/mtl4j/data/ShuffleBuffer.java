package io.mtl4j.data;

import io.mtl4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded shuffle of a stream too large to hold: up to {@code capacity} encoded rows are kept, each draw takes a
 * uniformly random one and refills its slot with the stream's next row (TensorFlow's {@code Dataset.shuffle}). Rows
 * at most {@code capacity} apart in the file can swap places; memory is the buffer plus one chunk, whatever the file
 * size. The order is a pure function of the stream and the random source, never of the chunk size. A read of a row
 * cache ({@link RowPlaces}) is held as the rows' places in it, a parsed read as copies of the rows
 * ({@link ShuffleSlots}): the same rows either way.
 */
public final class ShuffleBuffer {
  private final int capacity;
  private final int width;
  private final String[] tasks;
  private final int[] labelWidths;
  private ShuffleSlots.Copies copies; // allocated on first use: a run that reads only its cache never needs them
  private ShuffleSlots.Places places;
  private ShuffleSlots slots;
  private SplittableRandom random;
  private int held;

  /** A buffer of {@code capacity} rows shaped like {@code stream}'s encoded rows. */
  public ShuffleBuffer(RowStream stream, int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("shuffle buffer of " + capacity + " rows, expected ≥ 1");
    this.capacity = capacity;
    this.width = stream.featureCount();
    this.tasks = stream.tasks().toArray(String[]::new);
    this.labelWidths = stream.labelEncoders().stream().mapToInt(l -> l.spec().labelWidth()).toArray();
  }

  /** Starts drawing from {@code source} (read from its start) in the order {@code random} gives. */
  public void begin(RowStream.Chunks source, SplittableRandom random) {
    if (source instanceof RowPlaces cached) {
      if (places == null) places = new ShuffleSlots.Places(capacity);
      slots = places.from(cached);
    } else {
      if (copies == null) copies = new ShuffleSlots.Copies(capacity, width, tasks, labelWidths);
      slots = copies.from(source);
    }
    this.random = random;
    this.held = 0;
    while (held < capacity && slots.pull(held)) held++;
  }

  /** Rows in the buffer now: never more than its capacity. */
  public int held() {
    return held;
  }

  /** Bytes of the buffer's rows held as copies: features, labels and masks as floats. */
  public long bytes() {
    long perRow = width + tasks.length;
    for (int w : labelWidths) perRow += w;
    return perRow * Float.BYTES * capacity;
  }

  /** A batch buffer of {@code rows} rows shaped like the buffer's rows. */
  public Batch newBatch(int rows) {
    Tensor[] l = new Tensor[tasks.length], m = new Tensor[tasks.length];
    for (int t = 0; t < l.length; t++) {
      l[t] = Tensor.zeros(rows, labelWidths[t]);
      m[t] = Tensor.zeros(rows);
    }
    return new Batch(Tensor.zeros(rows, width), null, List.of(tasks), l, m, rows);
  }

  /** Draws up to {@code batch}'s capacity rows into it; returns how many (0: the stream and buffer are spent). */
  public int fill(Batch batch, int rows) {
    batch.resize(rows);
    Batch.Buffers into = batch.buffers();
    int n = 0;
    while (n < rows && held > 0) {
      int j = random.nextInt(held);
      slots.copyOut(j, into, n++);
      if (!slots.pull(j)) { // the stream is spent: the last slot fills the drawn one
        held--;
        if (j != held) slots.move(held, j);
      }
    }
    batch.resize(n);
    return n;
  }
}
