package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link TrainingListener#onStep} receives: the step's losses, applied weights, gradient norm and rate. */
class StepRecordTest {
  private static List<StepRecord> train(MultiTaskModel model, TrainingConfig config) {
    List<StepRecord> records = new ArrayList<>();
    new Trainer(config, new TrainingListener() {
      @Override
      public void onStep(StepRecord record) {
        records.add(record);
      }
    }).fit(model, TrainerTest.data(100, 3, true), null);
    return records;
  }

  @Test
  void equalWeightingAppliesWeightOneAndTheConfiguredRate() {
    List<StepRecord> records = train(TrainerTest.model(1), TrainerTest.config().epochs(2).build());
    assertThat(records).hasSize(2 * 4); // ⌈100 / 32⌉ steps per epoch
    for (int i = 0; i < records.size(); i++) {
      StepRecord r = records.get(i);
      assertThat(r.step()).isEqualTo(i + 1);
      assertThat(r.epoch()).isEqualTo(i / 4);
      assertThat(r.weights()).containsExactly(1.0, 1.0);
      assertThat(r.learningRate()).isEqualTo(0.01);
      assertThat(Arrays.stream(r.losses()).allMatch(Double::isFinite)).isTrue();
      assertThat(r.sharedGradientNorm()).isPositive();
    }
  }

  @Test
  void fixedWeightsAreTheWeightsApplied() {
    TrainingConfig config = TrainerTest.config().epochs(1).weighting("fixed", Map.of("weights", List.of(0.25, 2.0)))
        .build();
    assertThat(train(TrainerTest.model(1), config)).allSatisfy(r -> assertThat(r.weights()).containsExactly(0.25, 2.0));
  }

  /**
   * One plain SGD step moves the shared parameters by −rate·g, so ‖Δθ_shared‖ / rate is the shared-gradient norm,
   * computed here without the trainer's reduction. Tolerance: the update is rounded to float per coordinate.
   */
  @ParameterizedTest
  @ValueSource(strings = {"ew", "pcgrad", "moco", "mgda", "dwa"})
  void sharedGradientNormIsTheNormOfTheSharedUpdate(String weighting) {
    MultiTaskModel model = TrainerTest.model(4);
    float[] before = model.parameters().values().clone();
    TrainingConfig config = TrainerTest.config().epochs(1).batchSize(100).threads(2).weighting(weighting)
        .optimizer("sgd", Map.of("learningRate", 0.5)).build();
    StepRecord only = train(model, config).get(0);
    float[] after = model.parameters().values();
    double squares = 0;
    for (int i = 0; i < model.parameters().sharedSize(); i++) {
      double step = (double) before[i] - after[i];
      squares += step * step;
    }
    assertThat(only.sharedGradientNorm())
        .isCloseTo(Math.sqrt(squares) / 0.5, within(1e-4 * only.sharedGradientNorm()));
    assertThat(only.learningRate()).isEqualTo(0.5);
  }
}
