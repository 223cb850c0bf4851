package io.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.optim.LrSchedule;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.weighting.EW;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import scala.reflect.ClassTag$;

class ConfigRecipeTest {
  static Stream<TrainingConfig> configs() {
    return Stream.of(TrainingConfig.defaults(),
        TrainingConfig.builder().epochs(7).batchSize(100).seed(42).optimizer("adam", Map.of("learningRate", 0.003))
            .schedule(LrSchedule.warmup(10, LrSchedule.cosine(500, 0.1))).gradClipNorm(2.5)
            .weighting("dwa", Map.of("temperature", 3.0)).frozen(List.of("heads.income")).build(),
        TrainingConfig.builder().optimizer("sgd", Map.of("learningRate", 0.1, "momentum", 0.9))
            .schedule(LrSchedule.stepDecay(100, 0.5)).weighting("fixed", Map.of("weights", List.of(1.0, 0.25)))
            .build());
  }

  /** Through Spark's serializer for closures and broadcasts, as the recipe travels to the executors. */
  private static ConfigRecipe shipped(ConfigRecipe recipe) {
    SerializerInstance spark = new JavaSerializer(new SparkConf()).newInstance();
    return (ConfigRecipe) spark.deserialize(spark.serialize(recipe, ClassTag$.MODULE$.AnyRef()),
        ClassTag$.MODULE$.AnyRef());
  }

  /** What an executor rebuilds after Java serialization equals the driver's config in every setting a step reads. */
  @ParameterizedTest
  @MethodSource("configs")
  void travelsAndRebuildsTheSameSettings(TrainingConfig config) {
    TrainingConfig rebuilt = shipped(ConfigRecipe.of(config)).config();
    Map<String, Object> expected = config.toMap(), actual = rebuilt.toMap();
    for (String driverOnly : List.of("threads", "patience", "sampling", "checkpointEvery", "nonFinite",
        "rollbackFactor")) {
      expected.remove(driverOnly);
      actual.remove(driverOnly);
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(rebuilt.schedule().rate(123)).isEqualTo(config.schedule().rate(123));
  }

  @ParameterizedTest
  @MethodSource("configs")
  void refusesAWeightingMadeInCodeUnderANameNoRegistryKnows(TrainingConfig config) {
    TrainingConfig coded = config.toBuilder().weighting("my-ew", EW::new).build();
    assertThatThrownBy(() -> ConfigRecipe.of(coded)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("training.weighting 'my-ew'").hasMessageContaining("registered weighting");
  }
}
