package io.mtl4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The whole-file SHA-256 appended as the zip comment of a {@link TensorArchive}. The per-entry manifest misses damage
 * in zip headers that readers ignore (times, local CRCs), this seal does not, and a truncated file loses it. It is a
 * checksum against accidents, not a signature: anyone can recompute it (see {@link ModelKey} for authenticity).
 */
final class Seal {
  private static final String PREFIX = "mtl4j-sha256:";
  static final int LENGTH = PREFIX.length() + 64;

  private Seal() {}

  /** {@code zip} (written with an empty comment) with the seal as its comment. */
  static byte[] seal(byte[] zip) {
    // An empty-comment zip ends with the 22-byte end-of-central-directory record; its last 2 bytes are the comment length.
    byte[] out = Arrays.copyOf(zip, zip.length + LENGTH);
    out[zip.length - 2] = (byte) (LENGTH & 0xff);
    out[zip.length - 1] = (byte) (LENGTH >>> 8);
    byte[] seal = (PREFIX + TensorArchive.sha256(Arrays.copyOf(out, zip.length))).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(seal, 0, out, zip.length, LENGTH);
    return out;
  }

  /** Streams {@code file} through SHA-256 and compares with its seal: constant memory, whatever the file's size. */
  static void check(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long body = ch.size() - LENGTH;
      ByteBuffer tail = ByteBuffer.allocate(LENGTH);
      if (body >= 0) {
        ch.read(tail, body);
      }
      String seal = new String(tail.array(), 0, tail.position(), StandardCharsets.US_ASCII);
      if (tail.position() < LENGTH || !seal.startsWith(PREFIX)) {
        throw new ModelFileException(file, "is truncated or not an mtl4j file (no checksum seal at its end)");
      }
      if (!seal.substring(PREFIX.length()).equals(sha256(ch.position(0), body))) {
        throw new ModelFileException(file, "is corrupted: its SHA-256 does not match the checksum sealed in it");
      }
    } catch (IOException e) {
      throw new ModelFileException(file, "cannot be read", e);
    }
  }

  private static String sha256(FileChannel ch, long length) throws IOException {
    MessageDigest md = TensorArchive.sha256Digest();
    InputStream in = Channels.newInputStream(ch);
    byte[] buf = new byte[1 << 16];
    for (long left = length; left > 0; ) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) throw new IOException("file shrank while it was read");
      md.update(buf, 0, n);
      left -= n;
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
