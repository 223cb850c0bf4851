package io.mtl4j.encode.text;

import java.nio.charset.StandardCharsets;

/**
 * MurmurHash3 x86 32-bit (Appleby, SMHasher) of a string's UTF-8 bytes: the hash of scikit-learn's
 * {@code HashingVectorizer} (seed 0, as the vocabulary uses) and Spark's {@code HashingTF} (seed 42). It is specified
 * byte for byte, so a hashed vocabulary gives the same bucket on every JVM and in every release.
 * {@link String#hashCode()} is specified too, but short words get small values (every two-letter word is below
 * 4,100), so they would crowd the first buckets of a large table.
 */
final class Murmur3 {
  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;

  private Murmur3() {}

  static int hash32(String text, int seed) {
    return hash32(text.getBytes(StandardCharsets.UTF_8), seed);
  }

  static int hash32(byte[] data, int seed) {
    int h = seed;
    int blocks = data.length & ~3;
    for (int i = 0; i < blocks; i += 4) {
      int k = (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16 | data[i + 3] << 24;
      h ^= mixKey(k);
      h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
    }
    int k = 0;
    switch (data.length & 3) {
      case 3:
        k ^= (data[blocks + 2] & 0xff) << 16;
        // fall through
      case 2:
        k ^= (data[blocks + 1] & 0xff) << 8;
        // fall through
      case 1:
        k ^= data[blocks] & 0xff;
        h ^= mixKey(k);
        break;
      default:
        break;
    }
    h ^= data.length;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    return h ^ h >>> 16;
  }

  private static int mixKey(int k) {
    return Integer.rotateLeft(k * C1, 15) * C2;
  }
}
