package io.mtl4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The container of model and checkpoint files: one zip holding a JSON document, named little-endian float32
 * tensors ({@code tensors/NAME.f32}), float64 tensors ({@code tensors/NAME.f64}, classical models) and a SHA-256 manifest ({@value #MANIFEST}, sha256sum format). Entries have
 * fixed times and a fixed order, so equal contents give equal bytes; a {@link Seal} ends the file. Written to a
 * temporary file in the target directory, forced to disk, then atomically renamed: a crash or a full disk leaves the
 * previous file intact. Read back by {@link ArchiveReader}, as untrusted input, within {@link ArchiveLimits}.
 */
public final class TensorArchive {
  public static final String MANIFEST = "SHA256SUMS";
  /** Optional entry: the HMAC-SHA256 of the manifest under a {@link ModelKey}, in hex. */
  public static final String HMAC = "SHA256SUMS.hmac";
  private static final String TENSORS = ArchiveEntries.TENSORS;
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
  static final JsonMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  /** Opens the temporary file for writing; tests substitute one that fails (a full disk). */
  @FunctionalInterface
  interface Opener {
    OutputStream open(Path temp) throws IOException;
  }

  /** A JSON document and tensors by name, in file order: float32 and float64 apart. */
  public record Contents(Map<String, Object> document, Map<String, float[]> tensors, Map<String, double[]> doubles) {
    public Contents(Map<String, Object> document, Map<String, float[]> tensors) {
      this(document, tensors, Map.of());
    }
  }

  private TensorArchive() {}

  public static void write(Path target, String documentName, Map<String, Object> document, Map<String, float[]> tensors) {
    write(target, documentName, document, tensors, Map.of());
  }

  /** As above, with float64 tensors too (classical models keep their double precision). */
  public static void write(Path target, String documentName, Map<String, Object> document, Map<String, float[]> tensors,
                           Map<String, double[]> doubles) {
    write(target, documentName, document, tensors, doubles, null);
  }

  /** As above; with a {@code key} (may be null) the archive also carries the manifest's HMAC ({@value #HMAC}). */
  public static void write(Path target, String documentName, Map<String, Object> document, Map<String, float[]> tensors,
                           Map<String, double[]> doubles, ModelKey key) {
    write(target, documentName, document, tensors, doubles, key,
        temp -> Files.newOutputStream(temp, StandardOpenOption.WRITE));
  }

  static void write(Path target, String documentName, Map<String, Object> document, Map<String, float[]> tensors,
                    Map<String, double[]> doubles, ModelKey key, Opener opener) {
    Path dir = checkWritableTarget(target);
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      byte[] bytes = Seal.seal(zip(documentName, JSON.writeValueAsBytes(document), tensors, doubles, key));
      try (OutputStream out = opener.open(temp)) {
        out.write(bytes);
      }
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      move(temp, target);
      temp = null;
    } catch (IOException | RuntimeException e) {
      if (e instanceof ModelFileException m) throw m;
      // A failed write (full disk, I/O error) is not bad input: an I/O exception, exit code 1 in the CLI.
      IOException cause = e instanceof IOException io ? io : new IOException(e);
      throw new UncheckedIOException(target + ": could not be written (" + e.getMessage()
          + "); any previous file is left unchanged", cause);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the original failure is the one to report
        }
      }
    }
  }

  private static Path checkWritableTarget(Path target) {
    Path abs = target.toAbsolutePath();
    if (Files.isDirectory(abs)) throw new ModelFileException(target, "is a directory, expected a file path");
    Path dir = abs.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new ModelFileException(target, "the directory " + dir + " does not exist");
    }
    return dir;
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static byte[] zip(String documentName, byte[] json, Map<String, float[]> tensors, Map<String, double[]> doubles,
                            ModelKey key) throws IOException {
    java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
    StringBuilder manifest = new StringBuilder();
    try (ZipOutputStream zip = new ZipOutputStream(sink)) {
      deflated(zip, documentName, json, manifest);
      for (Map.Entry<String, float[]> t : tensors.entrySet()) stored(zip, TENSORS + t.getKey() + ".f32", toBytes(t.getValue()), manifest);
      for (Map.Entry<String, double[]> t : doubles.entrySet()) stored(zip, TENSORS + t.getKey() + ".f64", toBytes(t.getValue()), manifest);
      byte[] manifestBytes = manifest.toString().getBytes(StandardCharsets.UTF_8);
      deflated(zip, MANIFEST, manifestBytes, null);
      // Without a key nothing is added: files stay byte for byte what they were before HMACs existed.
      if (key != null) deflated(zip, HMAC, key.mac(manifestBytes).getBytes(StandardCharsets.US_ASCII), null);
    }
    return sink.toByteArray();
  }

  private static void deflated(ZipOutputStream zip, String name, byte[] bytes, StringBuilder manifest) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setTimeLocal(ENTRY_TIME);
    zip.putNextEntry(e);
    zip.write(bytes);
    zip.closeEntry();
    if (manifest != null) manifest.append(sha256(bytes)).append("  ").append(name).append('\n');
  }

  // Tensors are stored uncompressed: float noise does not deflate, and loading stays a plain copy.
  private static void stored(ZipOutputStream zip, String name, byte[] bytes, StringBuilder manifest) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setTimeLocal(ENTRY_TIME);
    e.setMethod(ZipEntry.STORED);
    e.setSize(bytes.length);
    e.setCompressedSize(bytes.length);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    e.setCrc(crc.getValue());
    zip.putNextEntry(e);
    zip.write(bytes);
    zip.closeEntry();
    manifest.append(sha256(bytes)).append("  ").append(name).append('\n');
  }

  /** Reads and verifies every entry under {@link ArchiveLimits#DEFAULT}; any damage gives a {@link ModelFileException}. */
  public static Contents read(Path file, String documentName) {
    return read(file, documentName, ArchiveLimits.DEFAULT, null);
  }

  /**
   * Reads and verifies every entry: sizes against {@code limits} before inflating, the HMAC when {@code key} is not
   * null (a file without one is then refused), each entry's SHA-256 as it streams.
   */
  public static Contents read(Path file, String documentName, ArchiveLimits limits, ModelKey key) {
    try (ArchiveReader reader = ArchiveReader.open(file, documentName, limits, key)) {
      return reader.contents();
    }
  }

  static byte[] toBytes(float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return b.array();
  }

  static byte[] toBytes(double[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.asDoubleBuffer().put(values);
    return b.array();
  }

  /** Lower-case hex SHA-256. */
  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(sha256Digest().digest(bytes));
  }

  static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** Lower-case hex SHA-256 of a file's bytes, streamed (e.g. the training data for provenance). */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = sha256Digest();
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new ModelFileException(file, "cannot be read", e);
    }
  }
}
