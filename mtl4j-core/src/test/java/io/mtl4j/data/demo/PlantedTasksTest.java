package io.mtl4j.data.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.data.Dataset;
import org.junit.jupiter.api.Test;

class PlantedTasksTest {
  @Test
  void sameSeedGivesTheSameRowsAndAnotherSeedOthers() {
    PlantedTasks.Options o = new PlantedTasks.Options(50, 5, 0.3, 0.1);
    Dataset a = PlantedTasks.generate(o, 1), b = PlantedTasks.generate(o, 1), c = PlantedTasks.generate(o, 2);
    assertThat(a.features().toArray()).containsExactly(b.features().toArray());
    assertThat(a.labels("q").toArray()).containsExactly(b.labels("q").toArray());
    assertThat(a.labels("q").toArray()).isNotEqualTo(c.labels("q").toArray());
    assertThat(a.tasks()).containsExactlyElementsOf(PlantedTasks.TASKS);
  }

  @Test
  void withoutOwnTermsOrNoiseTheClusterSharesOneSignalAndPAndQAreItsOppositeHalves() {
    Dataset d = PlantedTasks.generate(new PlantedTasks.Options(20, 4, 0, 0), 3);
    assertThat(d.labels("a2").toArray()).containsExactly(d.labels("a1").toArray());
    float[] p = d.labels("p").toArray(), q = d.labels("q").toArray();
    int pActive = 0, qActive = 0;
    for (int i = 0; i < p.length; i++) {
      assertThat(Math.min(p[i], q[i])).as("row %d: relu(s) and relu(−s), one of them 0", i).isZero();
      if (p[i] > 0) pActive++;
      if (q[i] > 0) qActive++;
    }
    assertThat(pActive).isPositive();
    assertThat(qActive).isPositive();
    assertThat(d.labels("b1").toArray()).isNotEqualTo(d.labels("a1").toArray());
  }

  @Test
  void rejectsTooFewInputsForThreeSignals() {
    assertThatThrownBy(() -> new PlantedTasks.Options(10, 2, 0, 0)).hasMessageContaining("inputs = 2");
  }
}
