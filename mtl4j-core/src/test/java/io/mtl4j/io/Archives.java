package io.mtl4j.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds archives as an attacker would: any entries, a manifest that matches them, a valid seal. The seal and the
 * manifest are checksums anyone can recompute, so the loader must survive whatever passes them.
 */
final class Archives {
  private Archives() {}

  /** Rewrites {@code file} through {@code edit}, which may change the document and the tensors in place. */
  static Path edit(Path file, String documentName, Consumer<TensorArchive.Contents> edit) {
    TensorArchive.Contents c = TensorArchive.read(file, documentName);
    Map<String, float[]> floats = new LinkedHashMap<>();
    c.tensors().forEach((k, v) -> floats.put(k, v.clone()));
    Map<String, double[]> doubles = new LinkedHashMap<>();
    c.doubles().forEach((k, v) -> doubles.put(k, v.clone()));
    TensorArchive.Contents copy = new TensorArchive.Contents(new LinkedHashMap<>(c.document()), floats, doubles);
    edit.accept(copy);
    TensorArchive.write(file, documentName, copy.document(), copy.tensors(), copy.doubles());
    return file;
  }

  /** Entries in order (name → bytes), the tensors stored, the rest deflated, plus a matching manifest; sealed. */
  static Path write(Path file, Map<String, byte[]> entries) {
    StringBuilder manifest = new StringBuilder();
    entries.forEach((name, bytes) -> manifest.append(TensorArchive.sha256(bytes)).append("  ").append(name).append('\n'));
    Map<String, byte[]> all = new LinkedHashMap<>(entries);
    all.put(TensorArchive.MANIFEST, manifest.toString().getBytes(StandardCharsets.UTF_8));
    return sealed(file, zip(all));
  }

  /** A zip of the given entries as they are (no manifest added): tensors stored, the rest deflated. */
  static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(sink)) {
      zip.setLevel(java.util.zip.Deflater.BEST_SPEED); // large test entries (zip bombs) deflate fast
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry z = new ZipEntry(e.getKey());
        if (e.getKey().startsWith("tensors/")) {
          z.setMethod(ZipEntry.STORED);
          z.setSize(e.getValue().length);
          CRC32 crc = new CRC32();
          crc.update(e.getValue());
          z.setCrc(crc.getValue());
        }
        zip.putNextEntry(z);
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sink.toByteArray();
  }

  /** Writes {@code zip} with the checksum seal the loader expects. */
  static Path sealed(Path file, byte[] zip) {
    try {
      Files.write(file, Seal.seal(zip));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * A zip whose one deflated entry {@code name} inflates to {@code mebibytes} MiB of zeros from about 1 KB per MiB:
   * one full-flushed deflate block of a zero MiB, repeated (each block stands alone after a full flush). Built in
   * milliseconds, unlike deflating gigabytes. The CRC is left 0: the loader must refuse the entry before reading it.
   */
  static byte[] bomb(String name, int mebibytes) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
    d.setInput(new byte[1 << 20]);
    byte[] buf = new byte[1 << 16];
    byte[] block = Arrays.copyOf(buf, d.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH));
    byte[] end = {3, 0}; // an empty final fixed-Huffman block
    long size = (long) mebibytes << 20;
    long csize = (long) block.length * mebibytes + end.length;
    byte[] n = utf8(name);
    ByteBuffer z = ByteBuffer.allocate((int) (30 + n.length + csize + 46 + n.length + 22)).order(ByteOrder.LITTLE_ENDIAN);
    z.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 8).putInt(0).putInt(0)
        .putInt((int) csize).putInt((int) size).putShort((short) n.length).putShort((short) 0).put(n);
    for (int i = 0; i < mebibytes; i++) z.put(block);
    z.put(end);
    int cd = z.position();
    z.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) 8).putInt(0)
        .putInt(0).putInt((int) csize).putInt((int) size).putShort((short) n.length).putShort((short) 0)
        .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(0).put(n);
    int cdSize = z.position() - cd;
    z.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 1).putShort((short) 1)
        .putInt(cdSize).putInt(cd).putShort((short) 0);
    return z.array();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
