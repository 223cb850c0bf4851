package io.mtl4j.metrics;

import static io.mtl4j.metrics.MetricFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AucTest {
  private static final LabelKind BINARY = LabelKind.BINARY;

  @Test
  void tiedScoresCountHalfAPair() {
    // positives 0.5, 0.8; negatives 0.5, 0.5, 0.2: 0.8 beats 3, 0.5 ties 2 (= 1) and beats 0.2 → 5 of 6 pairs;
    // by midranks: 0.2 → 1, the three 0.5 → 3, 0.8 → 5; R₊ = 8, U = 8 − 3 = 5
    float[] p = {0.5f, 0.5f, 0.5f, 0.8f, 0.2f};
    float[] y = {1, 0, 0, 1, 0};
    assertThat(value("auc", BINARY, p, y, 1)).isCloseTo(5 / 6.0, within(1e-15));
  }

  @Test
  void constantScoresGiveOneHalf() {
    assertThat(value("auc", BINARY, new float[] {0.3f, 0.3f, 0.3f}, new float[] {1, 0, 1}, 1)).isEqualTo(0.5);
  }

  @Test
  void ordersNegativeScoresAndTiesSignedZeros() {
    assertThat(value("auc", BINARY, new float[] {-1f, -2f}, new float[] {1, 0}, 1)).isEqualTo(1.0);
    assertThat(value("auc", BINARY, new float[] {-0.0f, 0.0f}, new float[] {1, 0}, 1)).isEqualTo(0.5);
    assertThat(value("auc", BINARY, new float[] {-3f, 2f}, new float[] {1, 0}, 1)).isEqualTo(0.0);
  }

  @Test
  void isUndefinedWithOneClass() {
    assertThat(value("auc", BINARY, new float[] {0.1f, 0.9f}, new float[] {1, 1}, 1)).isNaN();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void equalsTheQuadraticPairCountWithManyTies(int seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = 50 + rng.nextInt(150);
    float[] p = new float[n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextBoolean() ? 1 : 0;
      p[i] = rng.nextInt(8) / 8f - 0.4f + 0.2f * y[i]; // eight levels: heavy ties, some negative scores
    }
    double pairs = 0;
    double good = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (y[i] == 1 && y[j] == 0) {
          pairs++;
          good += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
        }
      }
    }
    assertThat(value("auc", BINARY, p, y, 1)).isCloseTo(good / pairs, within(1e-12));
  }
}
