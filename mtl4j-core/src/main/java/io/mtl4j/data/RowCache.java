package io.mtl4j.data;

import io.mtl4j.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The encoded rows of one side of a streamed file, kept on disk after the first read that reaches the end, so that
 * later reads (epochs, evaluations) load floats instead of parsing and encoding text again: parsing is most of an
 * out-of-core epoch. The first read writes a temporary file and renames it when it ends, so a cache is whole or
 * absent; {@link #delete} removes it. Each chunk is stored as its row count and its rows' floats (inputs, then each
 * task's labels, then each task's mask), exactly as encoded and chunked, so a cached read gives the same chunks as a
 * parsed one and training stays bit-identical. Reads map the file once ({@link MappedRows}), and a shuffle buffer
 * copies rows from the map straight into its slots.
 */
final class RowCache {
  private final Path dir;
  private final int width;
  private final List<LabelEncoder> labels;
  private final int[] labelWidths;
  private final int rowBytes;
  private final int chunkRows;
  private Path complete;
  private MappedRows.Mapping mapping; // of the complete file, made by its first read
  private boolean writing, deleted;

  RowCache(Path dir, int width, List<LabelEncoder> labels, int chunkRows) {
    this.dir = dir;
    this.width = width;
    this.labels = labels;
    this.labelWidths = labels.stream().mapToInt(l -> l.spec().labelWidth()).toArray();
    this.chunkRows = chunkRows;
    int floats = width + labels.size();
    for (int w : labelWidths) floats += w;
    this.rowBytes = floats * Float.BYTES;
  }

  /** Bytes the cache of {@code rows} rows takes on disk (row counts of the chunks aside). */
  static long bytes(long rows, int width, List<LabelEncoder> labels) {
    long floats = width + labels.size();
    for (LabelEncoder l : labels) floats += l.spec().labelWidth();
    return rows * floats * Float.BYTES;
  }

  /** A read of the cache, or null while it is not complete. */
  synchronized RowStream.Chunks reader() {
    if (complete == null) return null;
    if (mapping == null) mapping = new MappedRows.Mapping(complete, MappedRows.SEGMENT_BYTES, rowBytes + Integer.BYTES);
    return new MappedRows(mapping, width, labels, chunkRows);
  }

  /** {@code source} passing through; its chunks are written to the cache unless another read already writes it. */
  synchronized RowStream.Chunks writer(RowStream.Chunks source) {
    if (writing || complete != null || deleted) return source;
    writing = true;
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "mtl4j-rows-", ".tmp");
      return new Writer(source, tmp, open(tmp, StandardOpenOption.WRITE));
    } catch (IOException e) {
      writing = false;
      throw failure(dir, "cannot create a cache file in", e);
    }
  }

  /** Removes the cache; later reads parse the file again. */
  synchronized void delete() {
    deleted = true;
    mapping = null; // unmapped when collected; the file's name is gone at once
    if (complete != null) {
      try {
        Files.deleteIfExists(complete);
      } catch (IOException e) {
        throw failure(complete, "cannot delete", e);
      }
      complete = null;
    }
  }

  private synchronized void finished(Path tmp, boolean whole) {
    writing = false;
    try {
      if (whole && !deleted) {
        Path done = tmp.resolveSibling(tmp.getFileName().toString().replace(".tmp", ".rows"));
        complete = Files.move(tmp, done, StandardCopyOption.ATOMIC_MOVE);
      } else {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw failure(tmp, "cannot finish", e);
    }
  }

  private static FileChannel open(Path file, StandardOpenOption mode) {
    try {
      return FileChannel.open(file, mode);
    } catch (IOException e) {
      throw failure(file, "cannot open", e);
    }
  }

  static UncheckedIOException failure(Path file, String what, IOException e) {
    return new UncheckedIOException("row cache: " + what + " " + file + ": " + e.getMessage()
        + " (set data.streaming.cacheDir elsewhere, or data.streaming.cacheMaxMB: 0 for no cache)", e);
  }

  /** Writes each chunk that passes; renames the file into the cache when the source ends. */
  private final class Writer implements RowStream.Chunks {
    private final RowStream.Chunks source;
    private final Path tmp;
    private final FileChannel out;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20).order(ByteOrder.nativeOrder());
    private boolean ended;

    Writer(RowStream.Chunks source, Path tmp, FileChannel out) {
      this.source = source;
      this.tmp = tmp;
      this.out = out;
    }

    @Override
    public Dataset next() {
      if (ended) return null; // asked again past the end: the file is already whole and renamed
      Dataset d = source.next();
      try {
        if (d == null) {
          flush();
          out.close();
          ended = true;
          finished(tmp, true);
        } else {
          write(d);
        }
      } catch (IOException e) {
        throw failure(tmp, "cannot write", e);
      }
      return d;
    }

    private void write(Dataset d) throws IOException {
      room(Integer.BYTES);
      buffer.putInt(d.rows());
      Tensor[] l = new Tensor[labels.size()], m = new Tensor[labels.size()];
      for (int t = 0; t < l.length; t++) {
        l[t] = d.labels(labels.get(t).spec().task());
        m[t] = d.mask(labels.get(t).spec().task());
      }
      for (int r = 0; r < d.rows(); r++) {
        room(rowBytes);
        put(d.features(), r * width, width);
        for (int t = 0; t < l.length; t++) put(l[t], r * labelWidths[t], labelWidths[t]);
        for (Tensor mask : m) put(mask, r, 1);
      }
    }

    private void put(Tensor from, int offset, int n) {
      float[] data = from.data();
      for (int i = from.offset() + offset, end = i + n; i < end; i++) buffer.putFloat(data[i]);
    }

    private void room(int bytes) throws IOException {
      if (buffer.remaining() < bytes) flush();
    }

    private void flush() throws IOException {
      buffer.flip();
      while (buffer.hasRemaining()) out.write(buffer);
      buffer.clear();
    }

    @Override
    public void close() {
      try (source; out) {
        if (!ended) finished(tmp, false); // a read stopped early leaves no partial cache
      } catch (IOException e) {
        throw failure(tmp, "cannot close", e);
      }
    }
  }
}
