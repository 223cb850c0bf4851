package io.mtl4j.weighting;

/**
 * The random draws a weighting makes. Production code uses {@link #seeded(long)}; tests can replay recorded draws.
 */
public interface RandomSource {

  /** A standard normal draw. */
  double nextGaussian();

  /** A uniform draw in [0, 1). */
  double nextUniform();

  /** Permutes {@code values} in place, uniformly at random. */
  void shuffle(int[] values);

  /** A stream derived from {@code seed} alone (SplittableRandom). */
  static RandomSource seeded(long seed) {
    return new SeededRandomSource(seed);
  }
}
