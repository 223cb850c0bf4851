package io.mtl4j.data;

import io.mtl4j.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A {@link RowCache} file read through memory maps: chunk by chunk as it was written ({@link #next}), or row by row
 * as places that {@link #copy} reads back in any order (what a {@link ShuffleBuffer} keeps instead of copies). The
 * maps are the operating system's page cache, not heap, so memory stays bounded whatever the file's size; the file
 * is mapped in segments of at most {@code segmentBytes} (a map is indexed by int), each reaching one row and one
 * header past its end so that every row and header lies whole in the segment where it starts. One read uses either
 * chunks or rows, not both.
 */
final class MappedRows implements RowStream.Chunks, RowPlaces {
  /** The segment size of cache reads: a map holds at most 2 GiB. */
  static final long SEGMENT_BYTES = 1L << 30;

  private final Path file;
  private final FileChannel channel;
  private final long size;
  private final long segmentBytes;
  private final int width;
  private final List<LabelEncoder> labels;
  private final int[] labelWidths;
  private final int rowBytes;
  private final int chunkRows;
  private final ByteBuffer[] maps; // per segment, mapped on first use
  private final FloatBuffer[] floats;
  private long position; // of the next chunk's header, or of the next row while {@code left} > 0
  private int left; // rows of the current chunk that nextRow has not handed out

  MappedRows(Path file, int width, List<LabelEncoder> labels, int chunkRows, long segmentBytes) {
    if (segmentBytes < Float.BYTES || segmentBytes % Float.BYTES != 0 || segmentBytes > SEGMENT_BYTES) {
      throw new IllegalArgumentException("segments of " + segmentBytes + " bytes, expected a multiple of 4 up to 2^30");
    }
    this.file = file;
    this.width = width;
    this.labels = labels;
    this.labelWidths = labels.stream().mapToInt(l -> l.spec().labelWidth()).toArray();
    this.rowBytes = (int) RowCache.bytes(1, width, labels);
    this.chunkRows = chunkRows;
    this.segmentBytes = segmentBytes;
    try {
      this.channel = FileChannel.open(file, StandardOpenOption.READ);
      this.size = channel.size();
    } catch (IOException e) {
      throw RowCache.failure(file, "cannot open", e);
    }
    int segments = (int) ((size + segmentBytes - 1) / segmentBytes);
    this.maps = new ByteBuffer[segments];
    this.floats = new FloatBuffer[segments];
  }

  @Override
  public Dataset next() {
    if (left > 0) throw new IllegalStateException("row cache: a read by rows cannot go on by chunks");
    if (position == size) return null;
    int n = header();
    float[] f = new float[n * width];
    float[][] l = new float[labels.size()][], m = new float[labels.size()][];
    for (int t = 0; t < l.length; t++) {
      l[t] = new float[n * labelWidths[t]];
      m[t] = new float[n];
    }
    Batch.Buffers into = new Batch.Buffers(f, 0, l, new int[l.length], m, new int[l.length]);
    for (int r = 0; r < n; r++, position += rowBytes) copy(position, into, r);
    Dataset.Builder b = Dataset.builder(Tensor.of(f, n, width));
    for (int t = 0; t < l.length; t++) {
      LabelEncoder e = labels.get(t);
      b.task(e.spec().task(), Tensor.of(l[t], n, labelWidths[t]), Tensor.of(m[t], n), e.scaling());
    }
    return b.build();
  }

  @Override
  public long nextRow() {
    while (left == 0) {
      if (position == size) return -1;
      left = header();
    }
    long place = position;
    position += rowBytes;
    left--;
    return place;
  }

  @Override
  public void copy(long place, Batch.Buffers into, int row) {
    int segment = (int) (place / segmentBytes);
    FloatBuffer src = floats(segment);
    int i = (int) ((place - segment * segmentBytes) / Float.BYTES);
    src.get(i, into.features(), into.featuresAt() + row * width, width);
    i += width;
    for (int t = 0; t < labelWidths.length; t++) {
      src.get(i, into.labels()[t], into.labelsAt()[t] + row * labelWidths[t], labelWidths[t]);
      i += labelWidths[t];
    }
    for (int t = 0; t < labelWidths.length; t++) into.masks()[t][into.masksAt()[t] + row] = src.get(i++);
  }

  /** Reads the row count at {@code position} and moves past it; the chunk must lie whole in the file. */
  private int header() {
    if (position + Integer.BYTES > size) throw corrupt("it ends inside a chunk's row count");
    int segment = (int) (position / segmentBytes);
    int n = map(segment).getInt((int) (position - segment * segmentBytes));
    if (n < 1 || n > chunkRows) throw corrupt("a chunk of " + n + " rows, expected 1 to " + chunkRows);
    position += Integer.BYTES;
    if (position + (long) n * rowBytes > size) throw corrupt("it ends inside a chunk");
    return n;
  }

  private FloatBuffer floats(int segment) {
    if (floats[segment] == null) floats[segment] = map(segment).asFloatBuffer();
    return floats[segment];
  }

  private ByteBuffer map(int segment) {
    if (maps[segment] == null) {
      long start = segment * segmentBytes;
      long length = Math.min(segmentBytes + rowBytes + Integer.BYTES, size - start);
      try {
        maps[segment] = channel.map(FileChannel.MapMode.READ_ONLY, start, length).order(ByteOrder.nativeOrder());
      } catch (IOException e) {
        throw RowCache.failure(file, "cannot map", e);
      }
    }
    return maps[segment];
  }

  private RuntimeException corrupt(String what) {
    return RowCache.failure(file, "cannot read", new IOException("corrupt cache: " + what));
  }

  /** Closes the file; the maps go with the last reference to them (Java unmaps them when they are collected). */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw RowCache.failure(file, "cannot close", e);
    }
  }
}
