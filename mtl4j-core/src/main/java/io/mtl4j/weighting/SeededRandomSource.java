package io.mtl4j.weighting;

import io.mtl4j.tensor.Permutations;
import java.util.SplittableRandom;

/** {@link RandomSource} over a {@link SplittableRandom}: the same seed gives the same draws. */
final class SeededRandomSource implements RandomSource {
  private final SplittableRandom random;

  SeededRandomSource(long seed) {
    this.random = new SplittableRandom(seed);
  }

  @Override
  public double nextGaussian() {
    return random.nextGaussian();
  }

  @Override
  public double nextUniform() {
    return random.nextDouble();
  }

  @Override
  public void shuffle(int[] values) {
    Permutations.shuffle(values, random);
  }
}
