package io.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.train.StepPartial;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BarrierAllreduceTest {
  /** A seeded partial: T losses, a gradient of n floats (none when n < 0), T task rows of d (none when d < 0). */
  private static StepPartial partial(long seed, int tasks, int n, int d) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] losses = r.doubles(tasks).toArray();
    float[] gradient = n < 0 ? null : floats(r, n);
    float[][] rows = d < 0 ? null : new float[tasks][];
    for (int t = 0; rows != null && t < tasks; t++) rows[t] = floats(r, d);
    return new StepPartial(losses, gradient, rows);
  }

  private static float[] floats(SplittableRandom r, int n) {
    float[] f = new float[n];
    for (int i = 0; i < n; i++) f[i] = (float) r.nextGaussian();
    if (n > 2) {
      f[0] = Float.NaN; // every bit pattern travels, not only the finite values
      f[1] = -0f;
    }
    return f;
  }

  @ParameterizedTest(name = "seed {0}: T {1}, gradient {2}, rows {3}")
  @CsvSource({"1, 2, 50, -1", "2, 3, 40, 17", "3, 4, -1, -1", "4, 1, 0, 0", "5, 5, 1000, 300"})
  void aDecodedPartialHasTheEncodedBits(long seed, int tasks, int n, int d) {
    StepPartial p = partial(seed, tasks, n, d);
    StepPartial back = BarrierAllreduce.decode(BarrierAllreduce.encode(p));
    assertThat(back.losses()).containsExactly(p.losses());
    if (n < 0) {
      assertThat(back.gradient()).isNull();
    } else {
      assertThat(floatBits(back.gradient())).containsExactly(floatBits(p.gradient()));
    }
    if (d < 0) {
      assertThat(back.taskRows()).isNull();
    } else {
      for (int t = 0; t < tasks; t++) {
        assertThat(floatBits(back.taskRows()[t])).as("task %d", t).containsExactly(floatBits(p.taskRows()[t]));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 8, 64})
  void aReplyOfOneChunkPerTaskStaysWithinHalfTheRpcLimit(int partitions) {
    int chunk = BarrierAllreduce.chunkChars(128, partitions);
    assertThat((long) chunk * partitions).isLessThanOrEqualTo(64L << 20).isGreaterThan(63L << 20);
  }

  private static int[] floatBits(float[] f) {
    int[] bits = new int[f.length];
    for (int i = 0; i < f.length; i++) bits[i] = Float.floatToRawIntBits(f[i]);
    return bits;
  }
}
