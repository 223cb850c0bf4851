package io.mtl4j.data;

import io.mtl4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded shuffle of a stream too large to hold: up to {@code capacity} encoded rows are kept, each draw takes a
 * uniformly random one and refills its slot with the stream's next row (TensorFlow's {@code Dataset.shuffle}). Rows
 * at most {@code capacity} apart in the file can swap places; memory is the buffer plus one chunk, whatever the file
 * size. The order is a pure function of the stream and the random source, never of the chunk size.
 */
public final class ShuffleBuffer {
  private final int capacity;
  private final int width;
  private final List<String> tasks;
  private final int[] labelWidths;
  private final float[] features;
  private final float[][] labels, masks;
  private RowStream.Chunks source;
  private SplittableRandom random;
  private Dataset chunk;
  private int cursor, held;

  /** A buffer of {@code capacity} rows shaped like {@code stream}'s encoded rows. */
  public ShuffleBuffer(RowStream stream, int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("shuffle buffer of " + capacity + " rows, expected ≥ 1");
    this.capacity = capacity;
    this.width = stream.featureCount();
    this.tasks = stream.tasks();
    this.labelWidths = new int[tasks.size()];
    this.labels = new float[tasks.size()][];
    this.masks = new float[tasks.size()][capacity];
    for (int t = 0; t < tasks.size(); t++) {
      List<LabelEncoder> encoders = stream.labelEncoders();
      labelWidths[t] = encoders.get(t).spec().type().equals("multilabel") ? encoders.get(t).spec().columns().size() : 1;
      labels[t] = new float[capacity * labelWidths[t]];
    }
    this.features = new float[capacity * width];
  }

  /** Starts drawing from {@code source} (read from its start) in the order {@code random} gives. */
  public void begin(RowStream.Chunks source, SplittableRandom random) {
    this.source = source;
    this.random = random;
    this.chunk = null;
    this.cursor = 0;
    this.held = 0;
    while (held < capacity && pull(held)) held++;
  }

  /** Rows in the buffer now: never more than its capacity. */
  public int held() {
    return held;
  }

  /** Bytes of the buffer's rows: features, labels and masks as floats. */
  public long bytes() {
    long perRow = width + tasks.size();
    for (int w : labelWidths) perRow += w;
    return perRow * Float.BYTES * capacity;
  }

  /** A batch buffer of {@code rows} rows shaped like the buffer's rows. */
  public Batch newBatch(int rows) {
    Tensor[] l = new Tensor[tasks.size()], m = new Tensor[tasks.size()];
    for (int t = 0; t < l.length; t++) {
      l[t] = Tensor.zeros(rows, labelWidths[t]);
      m[t] = Tensor.zeros(rows);
    }
    return new Batch(Tensor.zeros(rows, width), null, tasks, l, m, rows);
  }

  /** Draws up to {@code batch}'s capacity rows into it; returns how many (0: the stream and buffer are spent). */
  public int fill(Batch batch, int rows) {
    batch.resize(rows);
    int n = 0;
    while (n < rows && held > 0) {
      int j = random.nextInt(held);
      copyOut(j, batch, n++);
      if (!pull(j)) move(--held, j);
    }
    batch.resize(n);
    return n;
  }

  /** Writes the stream's next row into slot {@code slot}; false at the end of the stream. */
  private boolean pull(int slot) {
    while (chunk == null || cursor == chunk.rows()) {
      chunk = source.next();
      cursor = 0;
      if (chunk == null) return false;
    }
    copy(chunk.features(), cursor, features, slot, width);
    for (int t = 0; t < labelWidths.length; t++) {
      copy(chunk.labels(tasks.get(t)), cursor, labels[t], slot, labelWidths[t]);
      copy(chunk.mask(tasks.get(t)), cursor, masks[t], slot, 1);
    }
    cursor++;
    return true;
  }

  private void move(int from, int to) {
    if (from == to) return;
    System.arraycopy(features, from * width, features, to * width, width);
    for (int t = 0; t < labelWidths.length; t++) {
      System.arraycopy(labels[t], from * labelWidths[t], labels[t], to * labelWidths[t], labelWidths[t]);
      masks[t][to] = masks[t][from];
    }
  }

  private void copyOut(int slot, Batch batch, int row) {
    Tensor f = batch.features();
    System.arraycopy(features, slot * width, f.data(), f.offset() + row * width, width);
    for (int t = 0; t < labelWidths.length; t++) {
      Tensor l = batch.labels(t), m = batch.mask(t);
      System.arraycopy(labels[t], slot * labelWidths[t], l.data(), l.offset() + row * labelWidths[t], labelWidths[t]);
      m.data()[m.offset() + row] = masks[t][slot];
    }
  }

  private static void copy(Tensor src, int row, float[] dst, int slot, int w) {
    System.arraycopy(src.data(), src.offset() + row * w, dst, slot * w, w);
  }
}
