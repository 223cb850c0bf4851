package io.mtl4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PermutationsTest {
  private static final int[] SIZES = {0, 1, 2, 3, 10, 257};

  /** Written down from the shuffle BatchPlan, Split and MultiTaskData each ran before they shared this one. */
  @Test
  void shuffledKeepsTheOrderItDrewBeforeForSeed42() {
    assertThat(Permutations.shuffled(10, new SplittableRandom(42))).containsExactly(3, 4, 7, 0, 8, 5, 9, 2, 6, 1);
  }

  /** Written down from GradientProbe's partial shuffle before it called this one. */
  @Test
  void shufflePrefixKeepsTheOrderItDrewBeforeForSeed42() {
    int[] values = IntStream.range(0, 10).toArray();
    Permutations.shufflePrefix(values, 4, new SplittableRandom(42));
    assertThat(values).containsExactly(1, 7, 4, 2, 3, 5, 6, 0, 8, 9);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, -7})
  void shuffledIsAPermutationOfItsIndices(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int n : SIZES) {
      assertThat(Permutations.shuffled(n, random)).as("n = %d", n).containsExactlyInAnyOrder(identity(n));
    }
  }

  /** n values take n − 1 draws, nextInt(n) … nextInt(2): the stream goes on where it went on before. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, -7})
  void shuffleTakesOneDrawPerPlaceAboveTheFirst(long seed) {
    for (int n : SIZES) {
      SplittableRandom random = new SplittableRandom(seed), twin = new SplittableRandom(seed);
      Permutations.shuffle(identity(n), random);
      for (int i = n - 1; i > 0; i--) twin.nextInt(i + 1);
      assertThat(random.nextLong()).as("n = %d", n).isEqualTo(twin.nextLong());
    }
  }

  /** Why a caller may shuffle indices and gather: the same seed moves any values as it moves their places. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, -7})
  void shufflingValuesEqualsGatheringThemThroughTheShuffledIndices(long seed) {
    for (int n : SIZES) {
      int[] values = new SplittableRandom(seed + n).ints(n, -1000, 1000).toArray();
      int[] order = Permutations.shuffled(n, new SplittableRandom(seed));
      int[] gathered = Arrays.stream(order).map(i -> values[i]).toArray();
      assertThat(Permutations.shuffle(values, new SplittableRandom(seed))).as("n = %d", n).containsExactly(gathered);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, -7})
  void shufflePrefixDrawsDistinctValuesAndKeepsAPermutation(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int length : SIZES) {
      for (int n = 0; n <= length; n += Math.max(1, length / 4)) {
        int[] values = identity(length);
        Permutations.shufflePrefix(values, n, random);
        assertThat(values).as("length %d, prefix %d", length, n).containsExactlyInAnyOrder(identity(length));
      }
    }
  }

  /** A prefix of n takes n draws, nextInt(length), nextInt(length − 1), …, and nothing for the places after it. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, -7})
  void shufflePrefixDrawsOnlyForThePlacesItFills(long seed) {
    for (int length : SIZES) {
      for (int n = 0; n <= length; n += Math.max(1, length / 4)) {
        SplittableRandom random = new SplittableRandom(seed), twin = new SplittableRandom(seed);
        Permutations.shufflePrefix(identity(length), n, random);
        for (int i = 0; i < n; i++) twin.nextInt(length - i);
        assertThat(random.nextLong()).as("length %d, prefix %d", length, n).isEqualTo(twin.nextLong());
      }
    }
  }

  /** A partial shuffle is the start of the whole upward one: drawing fewer places changes none of those drawn. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, -7})
  void aShorterPrefixIsTheStartOfALongerOne(long seed) {
    int[] whole = identity(257), part = identity(257);
    Permutations.shufflePrefix(whole, 257, new SplittableRandom(seed));
    Permutations.shufflePrefix(part, 30, new SplittableRandom(seed));
    assertThat(Arrays.copyOf(part, 30)).containsExactly(Arrays.copyOf(whole, 30));
  }

  @Test
  void aPrefixLongerThanTheArrayIsRefusedNamingBoth() {
    assertThatThrownBy(() -> Permutations.shufflePrefix(new int[3], 4, new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prefix n = 4").hasMessageContaining("length 3");
  }

  private static int[] identity(int n) {
    return IntStream.range(0, n).toArray();
  }
}
