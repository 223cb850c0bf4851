package io.mtl4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a {@link TensorArchive} as untrusted input, cheapest check first: the seal (streamed), the zip directory's
 * declared sizes against {@link ArchiveLimits} and the file's length, the optional HMAC, the manifest's names, and
 * only then the document and, one at a time, the tensors, each hashed while it streams and stopped at its declared
 * size. Nothing is inflated or allocated beyond what the directory declared and the limits allow.
 */
final class ArchiveReader implements AutoCloseable {
  private final Path file;
  private final ZipFile zip;
  private final Map<String, ZipEntry> tensors = new LinkedHashMap<>();
  private final Map<String, String> manifest;
  private final Map<String, Object> document;

  private ArchiveReader(Path file, ZipFile zip, String documentName, ArchiveLimits limits, ModelKey key) {
    this.file = file;
    this.zip = zip;
    Map<String, ZipEntry> entries = directory(documentName, limits);
    byte[] manifestBytes = bytes(require(entries, TensorArchive.MANIFEST, "has no checksum manifest "
        + TensorArchive.MANIFEST + ": not an mtl4j file"));
    if (key != null) checkMac(key, manifestBytes, entries.get(TensorArchive.HMAC));
    this.manifest = Manifest.parse(file, manifestBytes, entries.keySet());
    ZipEntry doc = require(entries, documentName, "has no '" + documentName + "': not a file of this kind");
    this.document = json(documentName, verified(documentName, bytes(doc)));
  }

  /** Opens {@code file} and checks everything but the tensors' contents; any damage gives a {@link ModelFileException}. */
  static ArchiveReader open(Path file, String documentName, ArchiveLimits limits, ModelKey key) {
    checkReadable(file);
    Seal.check(file);
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile());
    } catch (IOException e) {
      throw new ModelFileException(file, "is corrupted (not a readable zip archive)", e);
    }
    try {
      return new ArchiveReader(file, zip, documentName, limits, key);
    } catch (RuntimeException e) {
      closeQuietly(zip);
      throw e;
    }
  }

  Map<String, Object> document() {
    return document;
  }

  /** Float32 tensor names (without {@code tensors/} and {@code .f32}) → declared value counts, in file order. */
  Map<String, Long> floatSizes() {
    return sizes(".f32", 4);
  }

  /** Float64 tensor names → declared value counts, in file order. */
  Map<String, Long> doubleSizes() {
    return sizes(".f64", 8);
  }

  /** The float32 tensor {@code name}, checked against its manifest hash as it streams. */
  float[] floats(String name) {
    ZipEntry e = tensor(name + ".f32");
    float[] out = new float[(int) (e.getSize() / 4)];
    int[] at = {0};
    stream(e, chunk -> {
      int n = chunk.remaining() / 4;
      chunk.asFloatBuffer().get(out, at[0], n);
      at[0] += n;
    });
    return out;
  }

  /** The float64 tensor {@code name}, checked against its manifest hash as it streams. */
  double[] doubles(String name) {
    ZipEntry e = tensor(name + ".f64");
    double[] out = new double[(int) (e.getSize() / 8)];
    int[] at = {0};
    stream(e, chunk -> {
      int n = chunk.remaining() / 8;
      chunk.asDoubleBuffer().get(out, at[0], n);
      at[0] += n;
    });
    return out;
  }

  /** Everything, as {@link TensorArchive#read} returns it. */
  TensorArchive.Contents contents() {
    Map<String, float[]> floats = new LinkedHashMap<>();
    floatSizes().keySet().forEach(n -> floats.put(n, floats(n)));
    Map<String, double[]> doubles = new LinkedHashMap<>();
    doubleSizes().keySet().forEach(n -> doubles.put(n, doubles(n)));
    return new TensorArchive.Contents(document, floats, doubles);
  }

  @Override
  public void close() {
    closeQuietly(zip);
  }

  /** Every entry's name, kind and declared size checked; the directory alone, nothing inflated yet. */
  private Map<String, ZipEntry> directory(String documentName, ArchiveLimits limits) {
    if (zip.size() > limits.maxEntries()) {
      throw new ModelFileException(file, "has " + zip.size() + " entries, more than the limit of " + limits.maxEntries());
    }
    Map<String, ZipEntry> entries = new LinkedHashMap<>();
    long stored = 0;
    long values = 0;
    for (var it = zip.entries().asIterator(); it.hasNext(); ) {
      ZipEntry e = it.next();
      if (entries.put(e.getName(), e) != null) {
        throw new ModelFileException(file, "is corrupted: entry '" + e.getName() + "' appears twice");
      }
      values += ArchiveEntries.check(file, e, documentName, limits);
      if (ArchiveEntries.isTensor(e.getName())) tensors.put(e.getName(), e);
      stored += e.getCompressedSize();
    }
    if (values > limits.maxValues()) {
      throw new ModelFileException(file, "declares " + values + " tensor values, more than the limit of "
          + limits.maxValues());
    }
    long length = length();
    // Entries that claim more bytes than the file holds overlap or lie: the way non-recursive zip bombs amplify.
    if (stored > length) {
      throw new ModelFileException(file, "is corrupted: its entries claim " + stored + " bytes, the file has " + length);
    }
    return entries;
  }

  private void checkMac(ModelKey key, byte[] manifestBytes, ZipEntry mac) {
    if (mac == null) {
      throw new ModelFileException(file, "carries no HMAC, but a model key is configured: refusing an "
          + "unauthenticated file (see docs/security.md)");
    }
    byte[] stated = bytes(mac);
    if (!key.verifies(manifestBytes, new String(stated, StandardCharsets.US_ASCII).trim())) {
      throw new ModelFileException(file, "its HMAC does not match the configured model key: it was written with "
          + "another key or altered since (see docs/security.md)");
    }
  }

  private Map<String, Long> sizes(String suffix, int width) {
    Map<String, Long> out = new LinkedHashMap<>();
    tensors.forEach((name, e) -> {
      if (name.endsWith(suffix)) out.put(ArchiveEntries.tensorKey(name), e.getSize() / width);
    });
    return out;
  }

  private ZipEntry tensor(String nameInTensors) {
    ZipEntry e = tensors.get(ArchiveEntries.TENSORS + nameInTensors);
    if (e == null) throw new ModelFileException(file, "has no tensor '" + ArchiveEntries.TENSORS + nameInTensors + "'");
    return e;
  }

  private ZipEntry require(Map<String, ZipEntry> entries, String name, String problem) {
    ZipEntry e = entries.get(name);
    if (e == null) throw new ModelFileException(file, problem);
    return e;
  }

  /** A small entry (document, manifest, HMAC) in memory: its declared size was checked against the limits. */
  private byte[] bytes(ZipEntry e) {
    byte[] out = new byte[(int) e.getSize()];
    int[] at = {0};
    read(e, chunk -> {
      int n = chunk.remaining();
      chunk.get(out, at[0], n);
      at[0] += n;
    });
    return out;
  }

  private byte[] verified(String name, byte[] bytes) {
    if (!manifest.get(name).equals(TensorArchive.sha256(bytes))) throw hashMismatch(name);
    return bytes;
  }

  /** Streams {@code e} to {@code sink} and checks its SHA-256 against the manifest. */
  private void stream(ZipEntry e, Consumer<ByteBuffer> sink) {
    MessageDigest md = TensorArchive.sha256Digest();
    read(e, chunk -> {
      md.update(chunk.duplicate());
      sink.accept(chunk);
    });
    if (!manifest.get(e.getName()).equals(HexFormat.of().formatHex(md.digest()))) throw hashMismatch(e.getName());
  }

  /** Exactly the declared size of {@code e}, in little-endian chunks whose length is a multiple of 8. */
  private void read(ZipEntry e, Consumer<ByteBuffer> sink) {
    long remaining = e.getSize();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = zip.getInputStream(e)) {
      while (remaining > 0) {
        int want = (int) Math.min(buf.length, remaining);
        int got = in.readNBytes(buf, 0, want);
        if (got < want) {
          throw new ModelFileException(file, "is truncated: '" + e.getName() + "' ends before the " + e.getSize()
              + " bytes it declares");
        }
        sink.accept(ByteBuffer.wrap(buf, 0, got).order(ByteOrder.LITTLE_ENDIAN));
        remaining -= got;
      }
      if (in.read() != -1) {
        throw new ModelFileException(file, "is corrupted: '" + e.getName() + "' inflates to more than the "
            + e.getSize() + " bytes it declares");
      }
    } catch (IOException | RuntimeException x) {
      if (x instanceof ModelFileException m) throw m;
      throw new ModelFileException(file, "is corrupted: '" + e.getName() + "' cannot be read", x);
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> json(String name, byte[] bytes) {
    try {
      return TensorArchive.JSON.readValue(bytes, LinkedHashMap.class);
    } catch (RuntimeException e) {
      throw new ModelFileException(file, "'" + name + "' is not valid JSON", e);
    }
  }

  private ModelFileException hashMismatch(String name) {
    return new ModelFileException(file, "is corrupted: SHA-256 of '" + name + "' does not match the manifest");
  }

  private long length() {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return ch.size();
    } catch (IOException e) {
      throw new ModelFileException(file, "cannot be read", e);
    }
  }

  private static void checkReadable(Path file) {
    if (Files.isDirectory(file)) throw new ModelFileException(file, "is a directory, expected a model file");
    if (!Files.exists(file)) throw new ModelFileException(file, "does not exist");
    if (!Files.isReadable(file)) throw new ModelFileException(file, "is not readable (check its permissions)");
  }

  private static void closeQuietly(ZipFile zip) {
    try {
      zip.close();
    } catch (IOException ignored) {
      // nothing was written; the failure that matters, if any, is already on its way
    }
  }
}
