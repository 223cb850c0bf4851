package io.mtl4j.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.tensor.Permutations;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.testkit.GradCheck;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SegmentMaxTest {
  /** Random CSR offsets for {@code batch} segments of 0..maxLength rows; the first segment is empty when asked. */
  static int[] randomOffsets(SplittableRandom random, int batch, int maxLength, boolean firstEmpty) {
    int[] offsets = new int[batch + 1];
    for (int b = 0; b < batch; b++) {
      offsets[b + 1] = offsets[b] + (b == 0 && firstEmpty ? 0 : 1 + random.nextInt(maxLength));
    }
    return offsets;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void gradientsMatchFiniteDifferences(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] offsets = randomOffsets(random, 1 + random.nextInt(4), 5, seed % 2 == 0);
    int n = offsets[offsets.length - 1], d = 1 + random.nextInt(4);
    // Max has a kink where two rows tie; a constant spread 3·(distinct rank) keeps the rows of each column at least
    // 3 − 2 = 1 apart (inputs lie in [−1, 1]), far beyond the ±EPS steps of the finite differences.
    Tensor spread = Tensor.zeros(n, d);
    for (int j = 0; j < d; j++) {
      int[] rank = Permutations.shuffled(n, random);
      for (int r = 0; r < n; r++) spread.set(r * d + j, 3f * rank[r]);
    }
    GradCheck.assertGradients(v -> SegmentMax.max(Elementwise.add(v[0], v[0].tape().constant(spread)), offsets), seed,
        new int[] {n, d});
  }

  @Test
  void takesEachColumnsMaximumWithinItsSegment() {
    Tape tape = new Tape();
    Var x = tape.constant(Tensor.of(new float[] {1, -5, 3, 2, -1, -2, 7, 0, -3, -4}, 5, 2));
    float[] y = SegmentMax.max(x, new int[] {0, 3, 3, 5}).value().toArray();
    assertThat(y).containsExactly(3, 2, 0, 0, 7, 0);
  }

  @Test
  void emptySegmentGivesZerosAndNoGradient() {
    Tape tape = new Tape();
    Var x = tape.variable(Tensor.of(new float[] {-2, -3}, 1, 2));
    Var y = SegmentMax.max(x, new int[] {0, 0, 1});
    assertThat(y.value().toArray()).containsExactly(0, 0, -2, -3);
    tape.backward(Reduce.sum(y));
    assertThat(x.grad().toArray()).containsExactly(1, 1);
  }

  @Test
  void rejectsOffsetsThatDoNotCoverTheRows() {
    Tape tape = new Tape();
    Var x = tape.constant(Tensor.zeros(4, 2));
    assertThatThrownBy(() -> SegmentMax.max(x, new int[] {0, 3})).hasMessageContaining("end at 4 rows");
    assertThatThrownBy(() -> SegmentMax.max(x, new int[] {0, 3, 2, 4})).hasMessageContaining("decrease at 2");
  }
}
