package io.mtl4j.data.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.data.Dataset;
import org.junit.jupiter.api.Test;

class PlantedTasksTest {
  /** x[0][0] and a1[0] of seed 1 (2 rows, 10 inputs) from the generator of session 8, before p and q changed. */
  private static final float X0 = -0x1.492cc2p0f, A1_0 = 0x1.540346p0f;

  @Test
  void sameSeedGivesTheSameRowsAndAnotherSeedOthers() {
    PlantedTasks.Options o = new PlantedTasks.Options(50, 6, 0.3, 0.1);
    Dataset a = PlantedTasks.generate(o, 1), b = PlantedTasks.generate(o, 1), c = PlantedTasks.generate(o, 2);
    assertThat(a.features().toArray()).containsExactly(b.features().toArray());
    assertThat(a.labels("q").toArray()).containsExactly(b.labels("q").toArray());
    assertThat(a.labels("q").toArray()).isNotEqualTo(c.labels("q").toArray());
    assertThat(a.tasks()).containsExactlyElementsOf(PlantedTasks.TASKS);
  }

  @Test
  void withoutOwnTermsOrNoiseTheClusterSharesOneSignalAndPAndQAreOpposedButNoSignFlip() {
    Dataset d = PlantedTasks.generate(new PlantedTasks.Options(4000, 6, 0, 0), 3);
    assertThat(d.labels("a2").toArray()).containsExactly(d.labels("a1").toArray());
    assertThat(d.labels("b1").toArray()).isNotEqualTo(d.labels("a1").toArray());
    float[] p = d.labels("p").toArray(), q = d.labels("q").toArray();
    // ρ = (0.09·4 − 4) / (4.36 + 0.49·2.04) = −0.68 from the generator's weights.
    assertThat(pearson(p, q)).isBetween(-0.75, -0.6);
    float[] sum = new float[p.length];
    for (int i = 0; i < p.length; i++) sum[i] = p[i] + q[i];
    assertThat(pearson(sum, p)).as("p + q keeps the common and private signals: q is not −p").isGreaterThan(0.2);
  }

  @Test
  void keepsTheRowsAndClusterLabelsOfEarlierVersionsOfTheGenerator() {
    // The pair's extra directions come from a stream of their own; these are the first values the generator gave
    // before the pair had them, so the seeds of earlier measurements keep their data.
    Dataset d = PlantedTasks.generate(new PlantedTasks.Options(2, 10, 0.3, 0.1), 1);
    assertThat(d.features().toArray()[0]).isEqualTo(X0);
    assertThat(d.labels("a1").toArray()[0]).isEqualTo(A1_0);
  }

  private static double pearson(float[] a, float[] b) {
    double ma = 0, mb = 0;
    for (int i = 0; i < a.length; i++) {
      ma += a[i] / (double) a.length;
      mb += b[i] / (double) b.length;
    }
    double ab = 0, aa = 0, bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += (a[i] - ma) * (b[i] - mb);
      aa += (a[i] - ma) * (a[i] - ma);
      bb += (b[i] - mb) * (b[i] - mb);
    }
    return ab / Math.sqrt(aa * bb);
  }

  @Test
  void rejectsTooFewInputsForThreeSignals() {
    assertThatThrownBy(() -> new PlantedTasks.Options(10, 2, 0, 0)).hasMessageContaining("inputs = 2");
  }
}
