package io.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.arch.ModelSpecMaps;
import io.mtl4j.arch.MultiTaskModel;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExecutorModelsTest {
  private static final Map<String, Object> SPEC = ModelSpecMaps.toMap(SparkFixtures.estimator("ew").modelSpec(4));
  private static final int SIZE = MultiTaskModel.create(ModelSpecMaps.fromMap(SPEC), 1).parameters().size();

  @BeforeEach
  void noModelKept() {
    ExecutorModels.clear();
  }

  private static float[] params(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] p = new float[SIZE];
    for (int i = 0; i < SIZE; i++) p[i] = (float) r.nextGaussian();
    return p;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void aKeptModelComesBackHoldingOnlyTheNewStepsParameters(long seed) {
    MultiTaskModel first = ExecutorModels.take("run", 0, () -> SPEC, params(seed));
    first.parameters().values()[0] = 1e6f; // what a pass might leave behind
    ExecutorModels.give("run", 0, first);
    MultiTaskModel again = ExecutorModels.take("run", 0, () -> SPEC, params(seed + 100));
    assertThat(again).isSameAs(first);
    assertThat(again.parameters().values()).containsExactly(params(seed + 100));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 5})
  void aModelIsHeldByOneTaskAtATimeAndNeverSharedAcrossRunsOrPartitions(int partition) {
    ExecutorModels.give("run", partition, ExecutorModels.take("run", partition, () -> SPEC, params(1)));
    MultiTaskModel held = ExecutorModels.take("run", partition, () -> SPEC, params(2));
    assertThat(ExecutorModels.take("run", partition, () -> SPEC, params(3))).as("a retry while it is held")
        .isNotSameAs(held);
    ExecutorModels.give("run", partition, held);
    assertThat(ExecutorModels.take("other run", partition, () -> SPEC, params(4))).isNotSameAs(held);
    assertThat(ExecutorModels.take("run", partition + 1, () -> SPEC, params(5))).isNotSameAs(held);
    assertThat(ExecutorModels.take("run", partition, () -> SPEC, params(6))).isSameAs(held);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 40})
  void keepsAtMostItsCapacity(int extra) {
    for (int p = 0; p < ExecutorModels.CAPACITY + extra; p++) {
      ExecutorModels.give("run", p, ExecutorModels.take("run", p, () -> SPEC, params(p)));
    }
    assertThat(ExecutorModels.kept()).isEqualTo(ExecutorModels.CAPACITY);
  }
}
