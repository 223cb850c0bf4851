package io.mtl4j.data;

import java.nio.file.Path;

/**
 * Out-of-core reading ({@code data.streaming} in a config). Memory is bounded by these numbers, never by the file:
 * one chunk of raw rows, the shuffle buffer of encoded rows, and at most {@code maxDistinct} distinct values per
 * column while fitting the preprocessing. Parse-ahead adds one thread per open stream and at most two encoded chunks
 * (one queued, one being encoded).
 *
 * @param chunkRows     rows parsed per read (raw rows held at once)
 * @param shuffleBuffer encoded rows the seeded shuffle draws from; its bytes are rows × (inputs + labels + masks) × 4
 * @param maxDistinct   distinct values counted per categorical column while fitting; a column with more is hashed
 *                      into {@code features.hashBuckets} (it would be past {@code features.maxCategories} anyway, so
 *                      this needs {@code maxDistinct ≥ features.maxCategories}); a multiclass label with more fails
 * @param parseAhead    read, parse and encode the next chunk on a thread of its own while training uses this one
 * @param cacheDir      where the first full read writes the encoded rows for later reads (null: no cache)
 * @param cacheMaxBytes the largest cache written; a side whose encoded rows need more is parsed on every read
 */
public record StreamingOptions(int chunkRows, int shuffleBuffer, int maxDistinct, boolean parseAhead, Path cacheDir,
                               long cacheMaxBytes) {
  public StreamingOptions {
    if (chunkRows < 1) throw new IllegalArgumentException("data.streaming.chunkRows = " + chunkRows + ", expected ≥ 1");
    if (shuffleBuffer < 1) {
      throw new IllegalArgumentException("data.streaming.shuffleBuffer = " + shuffleBuffer + ", expected ≥ 1");
    }
    if (maxDistinct < 2) {
      throw new IllegalArgumentException("data.streaming.maxDistinct = " + maxDistinct + ", expected ≥ 2");
    }
    if (cacheMaxBytes < 0) {
      throw new IllegalArgumentException("data.streaming.cacheMaxMB = " + cacheMaxBytes / 1_000_000 + ", expected ≥ 0");
    }
  }

  /** Every chunk parsed on the training thread, no cache: the behaviour before parse-ahead and caching. */
  public StreamingOptions(int chunkRows, int shuffleBuffer, int maxDistinct) {
    this(chunkRows, shuffleBuffer, maxDistinct, false, null, 0);
  }

  /** 10,000-row chunks, a 100,000-row shuffle buffer, 10,000 distinct values per column; no parse-ahead or cache. */
  public static StreamingOptions defaults() {
    return new StreamingOptions(10_000, 100_000, 10_000);
  }

  /** These options with parse-ahead on or off. */
  public StreamingOptions withParseAhead(boolean on) {
    return new StreamingOptions(chunkRows, shuffleBuffer, maxDistinct, on, cacheDir, cacheMaxBytes);
  }

  /** These options with a cache of at most {@code maxBytes} in {@code dir} (null dir or 0 bytes: none). */
  public StreamingOptions withCache(Path dir, long maxBytes) {
    return new StreamingOptions(chunkRows, shuffleBuffer, maxDistinct, parseAhead, dir, maxBytes);
  }
}
