package io.mtl4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Fetches and verifies registry files. A download goes to a temporary file next to the target and is moved into place
 * only after its SHA-256 matched, so an interrupted or corrupt download never leaves a partial file.
 */
public final class Downloader {
  /** Outcome of checking one file. */
  public enum Status { OK, MISSING, MISMATCH }

  private Downloader() {}

  /**
   * The file of {@code entry} in {@code dir} (or its {@code .gz} copy) and whether its content matches; a truncated
   * or corrupt {@code .gz} copy is a {@link DataFormatException} naming that copy and the cause.
   */
  public static Status verify(Path dir, DatasetRegistry.FileEntry entry) {
    Path plain = dir.resolve(entry.name());
    Path gz = dir.resolve(entry.name() + ".gz");
    if (Files.isRegularFile(plain)) return matches(plain, false, entry) ? Status.OK : Status.MISMATCH;
    if (Files.isRegularFile(gz)) return matches(gz, true, entry) ? Status.OK : Status.MISMATCH;
    return Status.MISSING;
  }

  private static boolean matches(Path file, boolean gunzip, DatasetRegistry.FileEntry entry) {
    try {
      return sha256(file, gunzip).equals(entry.sha256());
    } catch (Gzip.CorruptException e) {
      throw new DataFormatException(file.toString(), 0, 0, e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Downloads the file into {@code dir} unless a verified copy is there; returns the file. */
  public static Path fetch(Path dir, DatasetRegistry.FileEntry entry, HttpClient client) {
    if (verify(dir, entry) == Status.OK) return dir.resolve(entry.name());
    Path target = dir.resolve(entry.name());
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + entry.name(), ".part");
      HttpRequest request = HttpRequest.newBuilder(URI.create(entry.url())).timeout(Duration.ofMinutes(5)).GET().build();
      HttpResponse<Path> response = client.send(request, HttpResponse.BodyHandlers.ofFile(tmp));
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode() + " from " + entry.url());
      }
      String got = sha256(tmp, false);
      if (!got.equals(entry.sha256())) {
        throw new IOException("SHA-256 of " + entry.url() + " is " + got + ", expected " + entry.sha256());
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
      return target;
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new UncheckedIOException("cannot fetch " + entry.name() + " from " + entry.url() + ": " + why, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fetching " + entry.name(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the temporary file is hidden and named *.part; nothing else refers to it
        }
      }
    }
  }

  /** Hex SHA-256 of a file's bytes, or of its decompressed content when {@code gunzip}. */
  public static String sha256(Path file, boolean gunzip) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream raw = Files.newInputStream(file);
         InputStream in = new DigestInputStream(gunzip ? Gzip.open(raw) : raw, md)) {
      byte[] buf = new byte[1 << 16];
      while (in.read(buf) >= 0) {
        // digest accumulates as bytes pass
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
