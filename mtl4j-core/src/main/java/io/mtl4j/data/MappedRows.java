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
 * A read of a {@link RowCache} file through its memory map: chunk by chunk as it was written ({@link #next}), or row by
 * row straight into a shuffle buffer's slots ({@link #readRow}). The map is the operating system's page cache, not
 * heap, so memory stays bounded whatever the file's size; it is made once per cache ({@link Mapping}) and shared by
 * its reads. One read uses either chunks or rows, not both.
 */
final class MappedRows implements RowStream.Chunks {
  /** The segment size of cache reads: a map holds at most 2 GiB. */
  static final long SEGMENT_BYTES = 1L << 30;

  private final Mapping file;
  private final int width;
  private final List<LabelEncoder> labels;
  private final int[] labelWidths;
  private final int rowBytes;
  private final int chunkRows;
  private long position; // of the next chunk's header, or of the next row while {@code left} > 0
  private int left; // rows of the current chunk that readRow has not copied

  /** A read from the start of {@code file}, a cache of rows {@code width} inputs and {@code labels} wide. */
  MappedRows(Mapping file, int width, List<LabelEncoder> labels, int chunkRows) {
    this.file = file;
    this.width = width;
    this.labels = labels;
    this.labelWidths = labels.stream().mapToInt(l -> l.spec().labelWidth()).toArray();
    this.rowBytes = (int) RowCache.bytes(1, width, labels);
    this.chunkRows = chunkRows;
  }

  /**
   * A cache file mapped whole, once for all its reads (a new map per read would fault every page in again), in
   * segments of at most {@code segmentBytes} (a map is indexed by int), each reaching {@code overlap} bytes past its
   * end so that a row or a row count lies whole in the segment where it starts.
   */
  static final class Mapping {
    private final Path path;
    private final long size;
    private final long segmentBytes;
    private final ByteBuffer[] maps;
    private final FloatBuffer[] floats;

    Mapping(Path path, long segmentBytes, int overlap) {
      if (segmentBytes < Float.BYTES || segmentBytes % Float.BYTES != 0 || segmentBytes > SEGMENT_BYTES) {
        throw new IllegalArgumentException("segments of " + segmentBytes + " bytes, expected a multiple of 4 up to 2^30");
      }
      this.path = path;
      this.segmentBytes = segmentBytes;
      // The maps stay valid once the channel is closed, and hold no file handle.
      try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
        this.size = channel.size();
        int segments = (int) ((size + segmentBytes - 1) / segmentBytes);
        this.maps = new ByteBuffer[segments];
        this.floats = new FloatBuffer[segments];
        for (int s = 0; s < segments; s++) {
          long start = s * segmentBytes;
          maps[s] = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(segmentBytes + overlap, size - start))
              .order(ByteOrder.nativeOrder());
          floats[s] = maps[s].asFloatBuffer();
        }
      } catch (IOException e) {
        throw RowCache.failure(path, "cannot map", e);
      }
    }

    int intAt(long place) {
      int s = (int) (place / segmentBytes);
      return maps[s].getInt((int) (place - s * segmentBytes));
    }

    /** The floats of the segment where {@code place} is. */
    FloatBuffer floats(long place) {
      return floats[(int) (place / segmentBytes)];
    }

    /** The index of {@code place} in {@link #floats}'s buffer. */
    int floatIndex(long place) {
      return (int) (place % segmentBytes / Float.BYTES);
    }
  }

  @Override
  public Dataset next() {
    if (left > 0) throw new IllegalStateException("row cache: a read by rows cannot go on by chunks");
    if (position == file.size) return null;
    int n = header();
    float[] f = new float[n * width];
    float[][] l = new float[labels.size()][], m = new float[labels.size()][];
    for (int t = 0; t < l.length; t++) {
      l[t] = new float[n * labelWidths[t]];
      m[t] = new float[n];
    }
    Batch.Buffers into = new Batch.Buffers(f, 0, width, l, new int[l.length], labelWidths, m, new int[l.length]);
    for (int r = 0; r < n; r++, position += rowBytes) copy(position, into, r);
    Dataset.Builder b = Dataset.builder(Tensor.of(f, n, width));
    for (int t = 0; t < l.length; t++) {
      LabelEncoder e = labels.get(t);
      b.task(e.spec().task(), Tensor.of(l[t], n, labelWidths[t]), Tensor.of(m[t], n), e.scaling());
    }
    return b.build();
  }

  /**
   * Copies the next row in file order into row {@code row} of {@code into}: straight from the map into a shuffle
   * buffer's slots, without a chunk in between. False past the last row.
   */
  boolean readRow(Batch.Buffers into, int row) {
    while (left == 0) {
      if (position == file.size) return false;
      left = header();
    }
    copy(position, into, row);
    position += rowBytes;
    left--;
    return true;
  }

  private void copy(long place, Batch.Buffers into, int row) {
    FloatBuffer src = file.floats(place);
    int i = file.floatIndex(place);
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
    if (position + Integer.BYTES > file.size) throw corrupt("it ends inside a chunk's row count");
    int n = file.intAt(position);
    if (n < 1 || n > chunkRows) throw corrupt("a chunk of " + n + " rows, expected 1 to " + chunkRows);
    position += Integer.BYTES;
    if (position + (long) n * rowBytes > file.size) throw corrupt("it ends inside a chunk");
    return n;
  }

  private RuntimeException corrupt(String what) {
    return RowCache.failure(file.path, "cannot read", new IOException("corrupt cache: " + what));
  }

  /** Nothing to release: the mapping is the cache's, shared by its reads. */
  @Override
  public void close() {}
}
