package io.mtl4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An optional secret that makes model files authentic, not just intact: with a key, saving adds
 * {@value TensorArchive#HMAC}, the HMAC-SHA256 of the manifest (which holds every other entry's SHA-256), and loading
 * verifies it before anything else is parsed and refuses a file without it. RFC 2104 (HMAC), FIPS 180-4 (SHA-256).
 */
public final class ModelKey {
  /** Environment variable naming the key file, read by the CLI. */
  public static final String ENV = "MTL4J_MODEL_KEY_FILE";
  /** 32 bytes: the output size of SHA-256, the shortest key RFC 2104 §3 recommends for it. */
  public static final int MIN_BYTES = 32;
  private static final int MAX_BYTES = 4096;
  private final byte[] secret;

  private ModelKey(byte[] secret) {
    if (secret.length < MIN_BYTES) {
      throw new IllegalArgumentException("model key has " + secret.length + " bytes, expected at least " + MIN_BYTES
          + " (e.g. head -c 32 /dev/urandom | base64 > key)");
    }
    this.secret = secret.clone();
  }

  public static ModelKey of(byte[] secret) {
    return new ModelKey(secret);
  }

  /** The key in {@code file}: its bytes, without a trailing line break. */
  public static ModelKey fromFile(Path file) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new IllegalArgumentException("model key file " + file + " cannot be read (" + e.getMessage() + ")", e);
    }
    if (bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException("model key file " + file + " is longer than " + MAX_BYTES + " bytes");
    }
    int n = bytes.length;
    while (n > 0 && (bytes[n - 1] == '\n' || bytes[n - 1] == '\r')) n--;
    try {
      return new ModelKey(Arrays.copyOf(bytes, n));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("model key file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The key named by {@value #ENV} in {@code environment}, or null when it is unset or empty. */
  public static ModelKey fromEnvironment(Map<String, String> environment) {
    String path = environment.get(ENV);
    if (path == null || path.isBlank()) return null;
    try {
      return fromFile(Path.of(path));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(ENV + ": " + e.getMessage(), e);
    }
  }

  /** Lower-case hex HMAC-SHA256 of {@code data}. */
  String mac(byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
    }
  }

  /** Whether {@code statedHex} is the HMAC of {@code data}, compared in constant time. */
  boolean verifies(byte[] data, String statedHex) {
    return MessageDigest.isEqual(mac(data).getBytes(StandardCharsets.US_ASCII),
        statedHex.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public String toString() {
    return "ModelKey[" + secret.length + " bytes]"; // never the secret itself
  }
}
