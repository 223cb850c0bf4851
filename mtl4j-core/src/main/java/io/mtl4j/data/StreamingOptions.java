package io.mtl4j.data;

/**
 * Out-of-core reading ({@code data.streaming} in a config). Memory is bounded by these numbers, never by the file:
 * one chunk of raw rows, the shuffle buffer of encoded rows, and at most {@code maxDistinct} distinct values per
 * column while fitting the preprocessing.
 *
 * @param chunkRows     rows parsed per read (raw rows held at once)
 * @param shuffleBuffer encoded rows the seeded shuffle draws from; its bytes are rows × (inputs + labels + masks) × 4
 * @param maxDistinct   distinct values counted per categorical column while fitting; a column with more is hashed
 *                      into {@code features.hashBuckets} (it would be past {@code features.maxCategories} anyway, so
 *                      this needs {@code maxDistinct ≥ features.maxCategories}); a multiclass label with more fails
 */
public record StreamingOptions(int chunkRows, int shuffleBuffer, int maxDistinct) {
  public StreamingOptions {
    if (chunkRows < 1) throw new IllegalArgumentException("data.streaming.chunkRows = " + chunkRows + ", expected ≥ 1");
    if (shuffleBuffer < 1) {
      throw new IllegalArgumentException("data.streaming.shuffleBuffer = " + shuffleBuffer + ", expected ≥ 1");
    }
    if (maxDistinct < 2) {
      throw new IllegalArgumentException("data.streaming.maxDistinct = " + maxDistinct + ", expected ≥ 2");
    }
  }

  /** 10,000-row chunks, a 100,000-row shuffle buffer, 10,000 distinct values per column. */
  public static StreamingOptions defaults() {
    return new StreamingOptions(10_000, 100_000, 10_000);
  }
}
