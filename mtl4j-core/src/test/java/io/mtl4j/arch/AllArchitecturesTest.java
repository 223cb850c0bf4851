package io.mtl4j.arch;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.data.Dataset;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.train.ModelEvaluator;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every registered architecture trains under a loss weighting and a gradient weighting (per-task backward passes). */
class AllArchitecturesTest {
  static Stream<Arguments> architecturesAndWeightings() {
    return Architectures.names().stream().flatMap(n -> Stream.of(Arguments.of(n, "ew"), Arguments.of(n, "pcgrad")));
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("architecturesAndWeightings")
  void learnsUnderEveryKindOfWeighting(String name, String weighting) {
    Architecture.Factory arch = Architectures.create(name, Map.of());
    MultiTaskModel model = MultiTaskModel.create(new ModelSpec(ArchitectureChecks.INPUTS, ArchitectureChecks.TASKS, arch,
        new Head.Options(8)), 2);
    Dataset train = ArchitectureChecks.data(600, 1);
    new Trainer(TrainingConfig.builder().epochs(6).batchSize(50).seed(3).learningRate(0.01).weighting(weighting).build())
        .fit(model, train, null);
    Evaluation e = ModelEvaluator.evaluate(model, ArchitectureChecks.data(300, 2));
    assertThat(e.value("sign", "accuracy")).isGreaterThan(0.8);
    assertThat(e.value("sum", "r2")).isGreaterThan(0.7);
  }
}
