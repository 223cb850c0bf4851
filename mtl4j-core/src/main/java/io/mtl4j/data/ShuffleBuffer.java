package io.mtl4j.data;

import io.mtl4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded shuffle of a stream too large to hold: up to {@code capacity} encoded rows are kept, each draw takes a
 * uniformly random one and refills its slot with the stream's next row (TensorFlow's {@code Dataset.shuffle}). Rows
 * at most {@code capacity} apart in the file can swap places; memory is the buffer plus one chunk, whatever the file
 * size. The order is a pure function of the stream and the random source, never of the chunk size. A read of the
 * row cache ({@link MappedRows}) is copied from the cache's map straight into the slots, row by row in file order.
 * Holding only the rows' places in the map and reading them when drawn was tried: it measured slower than these
 * sequential copies, as random reads of mapped pages cost more than the copies they save.
 */
public final class ShuffleBuffer {
  private final int capacity;
  private final int width;
  private final String[] tasks;
  private final int[] labelWidths;
  private Batch.Buffers slots; // allocated on first use: a buffer made only for bytes() holds nothing
  private RowStream.Chunks source;
  private MappedRows cached; // the source, when it is a cache read
  private Batch.Buffers chunk; // the source's current chunk, when it gives chunks
  private int chunkRows, cursor;
  private boolean spent;
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
    if (slots == null) slots = newBatch(capacity).buffers();
    this.source = source;
    this.cached = source instanceof MappedRows m ? m : null;
    this.chunk = null;
    this.chunkRows = 0;
    this.cursor = 0;
    this.spent = false;
    this.random = random;
    this.held = 0;
    while (held < capacity && pull(held)) held++;
  }

  /** Rows in the buffer now: never more than its capacity. */
  public int held() {
    return held;
  }

  /** Bytes of the buffer's rows: features, labels and masks as floats. */
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
      slots.copyRow(j, into, n++);
      if (!pull(j)) { // the stream is spent: the last slot fills the drawn one
        held--;
        if (j != held) slots.copyRow(held, slots, j);
      }
    }
    batch.resize(n);
    return n;
  }

  /** Writes the stream's next row into slot {@code slot}; false at the end of the stream. */
  private boolean pull(int slot) {
    if (cached != null) return cached.readRow(slots, slot);
    while (cursor == chunkRows) {
      Dataset d = spent ? null : source.next();
      if (d == null) {
        spent = true; // a source is not asked again past its end
        return false;
      }
      chunk = Batch.Buffers.of(d.features(), tensors(d, true), tensors(d, false));
      chunkRows = d.rows();
      cursor = 0;
    }
    chunk.copyRow(cursor++, slots, slot);
    return true;
  }

  private Tensor[] tensors(Dataset d, boolean labels) {
    Tensor[] out = new Tensor[tasks.length];
    for (int t = 0; t < tasks.length; t++) out[t] = labels ? d.labels(tasks[t]) : d.mask(tasks[t]);
    return out;
  }
}
