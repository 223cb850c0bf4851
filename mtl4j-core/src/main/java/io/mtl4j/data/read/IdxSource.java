package io.mtl4j.data.read;

import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.Gzip;
import io.mtl4j.data.ImageSet;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The IDX format of MNIST and Fashion-MNIST (LeCun et al.; gzipped or not): big-endian magic {@code 0x00000803} then
 * count, rows, columns and unsigned-byte pixels for images; {@code 0x00000801}, count and one byte each for labels.
 * Header sizes are checked against a bound before anything is allocated.
 */
public final class IdxSource {
  /** At most this many pixels per file (far above MNIST's 47 million): a forged header cannot exhaust memory. */
  public static final long MAX_PIXELS = 1L << 30;

  private IdxSource() {}

  public static ImageSet images(Path file) {
    return read(file, 0x803, (in, where) -> {
      int count = dimension(in, where, "image count"), height = dimension(in, where, "rows");
      int width = dimension(in, where, "columns");
      long pixels = (long) count * height * width;
      if (pixels > MAX_PIXELS) throw where.error(4, count + "×" + height + "×" + width + " pixels exceed " + MAX_PIXELS);
      return new ImageSet(count, height, width, body(in, where, (int) pixels, 16));
    });
  }

  /** Class labels as stored (0..255). */
  public static byte[] labels(Path file) {
    return read(file, 0x801, (in, where) -> {
      int count = dimension(in, where, "label count");
      if (count > MAX_PIXELS) throw where.error(4, count + " labels exceed " + MAX_PIXELS);
      return body(in, where, count, 8);
    });
  }

  private interface Body<T> {
    T read(DataInputStream in, Where where) throws IOException;
  }

  /** The file, for messages that give the byte offset of the problem. */
  private record Where(Path file) {
    DataFormatException error(long offset, String message) {
      return new DataFormatException(file.toString(), 0, 0, "byte " + offset + ": " + message);
    }
  }

  private static <T> T read(Path file, int magic, Body<T> body) {
    Where where = new Where(file);
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
         DataInputStream in = new DataInputStream(file.toString().endsWith(".gz") ? Gzip.open(raw) : raw)) {
      int got = in.readInt();
      if (got != magic) {
        throw where.error(0, String.format("magic 0x%08x, expected 0x%08x (IDX %s)", got, magic,
            magic == 0x803 ? "images" : "labels"));
      }
      return body.read(in, where);
    } catch (EOFException e) {
      throw new DataFormatException(file.toString(), 0, 0, "the file ends inside its IDX header", e);
    } catch (Gzip.CorruptException e) {
      throw new DataFormatException(file.toString(), 0, 0, e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  private static int dimension(DataInputStream in, Where where, String what) throws IOException {
    int d = in.readInt();
    if (d <= 0) throw where.error(0, what + " = " + d + ", expected > 0");
    return d;
  }

  private static byte[] body(DataInputStream in, Where where, int size, int headerBytes) throws IOException {
    byte[] data = in.readNBytes(size);
    if (data.length < size) {
      throw where.error(headerBytes + data.length, "the header promises " + size + " bytes of data but the file ends after "
          + data.length);
    }
    return data;
  }
}
