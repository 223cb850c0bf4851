package io.mtl4j.tensor;

import java.util.SplittableRandom;

/**
 * Durstenfeld's Fisher–Yates shuffle over a seeded {@link SplittableRandom}: its draws (bounds, direction and count)
 * fix every seeded split, batch order and model-file hash, so a caller must keep the method it uses.
 */
public final class Permutations {
  private Permutations() {}

  /** 0 … n−1 in a seeded random order: {@link #shuffle} of the identity. */
  public static int[] shuffled(int n, SplittableRandom random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    return shuffle(order, random);
  }

  /**
   * Permutes {@code values} in place and returns them. Goes downwards: place i = length−1 … 1 swaps with a place drawn
   * by {@code nextInt(i + 1)}, so an array of n values takes n−1 draws.
   */
  public static int[] shuffle(int[] values, SplittableRandom random) {
    for (int i = values.length - 1; i > 0; i--) swap(values, i, random.nextInt(i + 1));
    return values;
  }

  /**
   * Fills {@code values[0..n)} with n distinct values drawn from the whole array, in place. Goes upwards: place
   * i = 0 … n−1 swaps with place {@code i + nextInt(length − i)}, so it takes exactly n draws (the last place too, if
   * n is the length) and leaves the rest of the array a permutation of what was not drawn.
   */
  public static void shufflePrefix(int[] values, int n, SplittableRandom random) {
    if (n < 0 || n > values.length) {
      throw new IllegalArgumentException("prefix n = " + n + ": expected 0 to the array's length " + values.length);
    }
    for (int i = 0; i < n; i++) swap(values, i, i + random.nextInt(values.length - i));
  }

  private static void swap(int[] values, int i, int j) {
    int t = values[i];
    values[i] = values[j];
    values[j] = t;
  }
}
