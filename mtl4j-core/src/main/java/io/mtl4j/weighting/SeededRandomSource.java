package io.mtl4j.weighting;

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
    // Fisher-Yates, from the end
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = values[i];
      values[i] = values[j];
      values[j] = tmp;
    }
  }
}
