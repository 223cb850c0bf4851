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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The container of model and checkpoint files: one zip holding a JSON document, named little-endian float32
 * tensors ({@code tensors/NAME.f32}), float64 tensors ({@code tensors/NAME.f64}, classical models) and a SHA-256 manifest ({@value #MANIFEST}, sha256sum format). Entries have
 * fixed times and a fixed order, so equal contents give equal bytes. Written to a temporary file in the target
 * directory, forced to disk, then atomically renamed: a crash or a full disk leaves the previous file intact.
 */
public final class TensorArchive {
  public static final String MANIFEST = "SHA256SUMS";
  private static final String TENSORS = "tensors/";
  private static final String SEAL = "mtl4j-sha256:";
  private static final int SEAL_LENGTH = SEAL.length() + 64;
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
    write(target, documentName, document, tensors, doubles, temp -> Files.newOutputStream(temp, StandardOpenOption.WRITE));
  }

  static void write(Path target, String documentName, Map<String, Object> document, Map<String, float[]> tensors,
                    Opener opener) {
    write(target, documentName, document, tensors, Map.of(), opener);
  }

  static void write(Path target, String documentName, Map<String, Object> document, Map<String, float[]> tensors,
                    Map<String, double[]> doubles, Opener opener) {
    Path dir = checkWritableTarget(target);
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      byte[] bytes = sealed(zip(documentName, JSON.writeValueAsBytes(document), tensors, doubles));
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

  /**
   * Appends, as the zip comment, the SHA-256 of every byte before it: the per-entry manifest misses damage in zip
   * headers that readers ignore (times, local CRCs), this seal does not, and a truncated file loses it.
   */
  static byte[] sealed(byte[] zip) {
    // An empty-comment zip ends with the 22-byte end-of-central-directory record; its last 2 bytes are the comment length.
    byte[] out = java.util.Arrays.copyOf(zip, zip.length + SEAL_LENGTH);
    out[zip.length - 2] = (byte) (SEAL_LENGTH & 0xff);
    out[zip.length - 1] = (byte) (SEAL_LENGTH >>> 8);
    byte[] seal = (SEAL + sha256(java.util.Arrays.copyOf(out, zip.length))).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(seal, 0, out, zip.length, SEAL_LENGTH);
    return out;
  }

  private static void checkSeal(Path file, byte[] bytes) {
    int at = bytes.length - SEAL_LENGTH;
    String tail = at < 0 ? "" : new String(bytes, at, SEAL.length(), StandardCharsets.US_ASCII);
    if (!tail.equals(SEAL)) {
      throw new ModelFileException(file, "is truncated or not an mtl4j file (no checksum seal at its end)");
    }
    String want = new String(bytes, at + SEAL.length(), 64, StandardCharsets.US_ASCII);
    if (!want.equals(sha256(java.util.Arrays.copyOf(bytes, at)))) {
      throw new ModelFileException(file, "is corrupted: its SHA-256 does not match the checksum sealed in it");
    }
  }

  private static byte[] zip(String documentName, byte[] json, Map<String, float[]> tensors, Map<String, double[]> doubles)
      throws IOException {
    java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
    StringBuilder manifest = new StringBuilder();
    try (ZipOutputStream zip = new ZipOutputStream(sink)) {
      deflated(zip, documentName, json, manifest);
      for (Map.Entry<String, float[]> t : tensors.entrySet()) stored(zip, TENSORS + t.getKey() + ".f32", toBytes(t.getValue()), manifest);
      for (Map.Entry<String, double[]> t : doubles.entrySet()) stored(zip, TENSORS + t.getKey() + ".f64", toBytes(t.getValue()), manifest);
      deflated(zip, MANIFEST, manifest.toString().getBytes(StandardCharsets.UTF_8), null);
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

  /** Reads and verifies every entry against the manifest; any damage gives a {@link ModelFileException}. */
  public static Contents read(Path file, String documentName) {
    checkReadable(file);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ModelFileException(file, "cannot be read", e);
    }
    checkSeal(file, bytes);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(bytes))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        if (entries.put(e.getName(), zip.readAllBytes()) != null) {
          throw new ModelFileException(file, "is corrupted: entry '" + e.getName() + "' appears twice");
        }
      }
    } catch (IOException e) {
      throw new ModelFileException(file, "is corrupted (not a readable zip archive)", e);
    }
    verify(file, entries);
    byte[] json = entries.get(documentName);
    if (json == null) throw new ModelFileException(file, "has no '" + documentName + "': not a file of this kind");
    Map<String, Object> document;
    try {
      document = JSON.readValue(json, LinkedHashMap.class);
    } catch (RuntimeException e) {
      throw new ModelFileException(file, "'" + documentName + "' is not valid JSON", e);
    }
    Map<String, float[]> tensors = new LinkedHashMap<>();
    Map<String, double[]> doubles = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      String name = e.getKey();
      if (!name.startsWith(TENSORS)) continue;
      String key = name.substring(TENSORS.length(), name.length() - 4);
      if (name.endsWith(".f32")) {
        if (e.getValue().length % 4 != 0) throw new ModelFileException(file, "tensor '" + name + "' has a partial float");
        tensors.put(key, toFloats(e.getValue()));
      } else if (name.endsWith(".f64")) {
        if (e.getValue().length % 8 != 0) throw new ModelFileException(file, "tensor '" + name + "' has a partial double");
        doubles.put(key, toDoubles(e.getValue()));
      }
    }
    return new Contents(document, tensors, doubles);
  }

  private static void checkReadable(Path file) {
    if (Files.isDirectory(file)) throw new ModelFileException(file, "is a directory, expected a model file");
    if (!Files.exists(file)) throw new ModelFileException(file, "does not exist");
    if (!Files.isReadable(file)) throw new ModelFileException(file, "is not readable (check its permissions)");
  }

  private static void verify(Path file, Map<String, byte[]> entries) {
    byte[] manifest = entries.get(MANIFEST);
    if (manifest == null) throw new ModelFileException(file, "has no checksum manifest " + MANIFEST + ": not an mtl4j file");
    Map<String, String> expected = new LinkedHashMap<>();
    for (String line : new String(manifest, StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) continue;
      int sep = line.indexOf("  ");
      if (sep != 64) throw new ModelFileException(file, "is corrupted: bad manifest line '" + line + "'");
      expected.put(line.substring(sep + 2), line.substring(0, sep));
    }
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      if (e.getKey().equals(MANIFEST)) continue;
      String want = expected.remove(e.getKey());
      if (want == null) throw new ModelFileException(file, "is corrupted: entry '" + e.getKey() + "' is not in the manifest");
      if (!want.equals(sha256(e.getValue()))) {
        throw new ModelFileException(file, "is corrupted: SHA-256 of '" + e.getKey() + "' does not match the manifest");
      }
    }
    if (!expected.isEmpty()) throw new ModelFileException(file, "is truncated: missing entries " + expected.keySet());
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

  static double[] toDoubles(byte[] bytes) {
    double[] out = new double[bytes.length / 8];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
    return out;
  }

  static float[] toFloats(byte[] bytes) {
    float[] out = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  /** Lower-case hex SHA-256. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** Lower-case hex SHA-256 of a file's bytes, streamed (e.g. the training data for provenance). */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new ModelFileException(file, "cannot be read", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
