package io.mtl4j.io;

import java.nio.file.Path;
import java.util.zip.ZipEntry;

/**
 * What a {@link TensorArchive} may contain, checked on the zip directory before anything is inflated: the JSON
 * document, the manifest, an optional HMAC, and tensors {@code tensors/NAME.f32} / {@code .f64} stored uncompressed;
 * nothing else. Sizes come from the directory and are held to {@link ArchiveLimits}.
 */
final class ArchiveEntries {
  static final String TENSORS = "tensors/";
  private static final String F32 = ".f32";
  private static final String F64 = ".f64";

  private ArchiveEntries() {}

  /** Checks one entry's name, method and declared size; returns the tensor values it declares (0 for the rest). */
  static long check(Path file, ZipEntry e, String documentName, ArchiveLimits limits) {
    String name = e.getName();
    long size = e.getSize();
    if (size < 0 || e.getCompressedSize() < 0) {
      throw new ModelFileException(file, "is corrupted: entry '" + name + "' declares no size");
    }
    if (!isTensor(name)) {
      if (!name.equals(documentName) && !name.equals(TensorArchive.MANIFEST) && !name.equals(TensorArchive.HMAC)) {
        throw new ModelFileException(file, "has an unexpected entry '" + name + "': this file may hold only "
            + documentName + ", " + TensorArchive.MANIFEST + ", " + TensorArchive.HMAC + " and " + TENSORS + "NAME"
            + F32 + "/" + F64 + " (see docs/security.md)");
      }
      atMost(file, name, size, limits.maxDocumentBytes());
      return 0;
    }
    if (e.getMethod() != ZipEntry.STORED || e.getCompressedSize() != size) {
      throw new ModelFileException(file, "tensor entry '" + name + "' is compressed: mtl4j stores tensors "
          + "uncompressed, so their size on disk bounds what they hold");
    }
    atMost(file, name, size, limits.maxEntryBytes());
    int width = name.endsWith(F32) ? 4 : 8;
    if (size % width != 0) {
      throw new ModelFileException(file, "tensor '" + name + "' has a partial " + (width == 4 ? "float" : "double"));
    }
    return size / width;
  }

  static boolean isTensor(String name) {
    return name.startsWith(TENSORS) && name.length() > TENSORS.length() + F32.length()
        && (name.endsWith(F32) || name.endsWith(F64));
  }

  /** {@code tensors/NAME.f32} → {@code NAME}. */
  static String tensorKey(String name) {
    return name.substring(TENSORS.length(), name.length() - F32.length());
  }

  private static void atMost(Path file, String name, long size, long limit) {
    if (size > limit) {
      throw new ModelFileException(file, "entry '" + name + "' declares " + size + " bytes, more than the limit of "
          + limit + " (ArchiveLimits)");
    }
  }
}
