package io.mtl4j.io;

/**
 * What reading one model or checkpoint file may cost at most, checked against the sizes the zip directory declares
 * before anything is inflated or allocated: a hostile file fails fast with a {@link ModelFileException} instead of
 * exhausting memory. The defaults hold every model mtl4j can train on one machine; raise them for a larger one.
 *
 * @param maxEntries entries in the archive (tensors plus the document and the manifest)
 * @param maxEntryBytes uncompressed bytes of one tensor entry
 * @param maxDocumentBytes uncompressed bytes of the JSON document and of the manifest (they are inflated in memory)
 * @param maxValues values in all tensors together (float32 and float64), i.e. the parameters a model may have
 */
public record ArchiveLimits(int maxEntries, long maxEntryBytes, long maxDocumentBytes, long maxValues) {
  /** 10,000 entries, 1 GiB per tensor, 64 MiB of JSON, 2^28 (268 M) values. */
  public static final ArchiveLimits DEFAULT = new ArchiveLimits(10_000, 1L << 30, 64L << 20, 1L << 28);

  public ArchiveLimits {
    if (maxEntries < 2) throw new IllegalArgumentException("maxEntries = " + maxEntries + ", expected ≥ 2");
    positive("maxEntryBytes", maxEntryBytes);
    positive("maxDocumentBytes", maxDocumentBytes);
    positive("maxValues", maxValues);
    // entries are read into Java arrays, which hold at most about 2^31 elements
    if (maxDocumentBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxDocumentBytes = " + maxDocumentBytes + ", expected < 2^31 - 8");
    }
    if (maxEntryBytes / 4 > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxEntryBytes = " + maxEntryBytes + ", expected < 2^33 (one Java array)");
    }
  }

  private static void positive(String name, long value) {
    if (value <= 0) throw new IllegalArgumentException(name + " = " + value + ", expected > 0");
  }
}
