package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Dataset;
import io.mtl4j.metrics.Evaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HogwildTest {
  private static Hogwild.Options options(int threads, long seed) {
    return new Hogwild.Options(threads, 6, 16, 0.05, seed);
  }

  @ParameterizedTest(name = "{0} threads, seed {1}")
  @CsvSource({"1, 1", "2, 2", "4, 3"})
  void convergesOnASeededTaskWithSeveralLockFreeWorkers(int threads, long seed) {
    Dataset train = TrainerTest.data(1200, seed, true), valid = TrainerTest.data(400, seed + 100, false);
    MultiTaskModel model = TrainerTest.model(seed);
    double before = ModelEvaluator.evaluate(model, valid).value("sum", "rmse");
    TrainingResult r = Hogwild.fit(model, train, valid, options(threads, seed));
    Evaluation after = r.epochs().get(r.epochs().size() - 1).validation();
    // y_sum = Σ x (sd 2) and y_sign = [x0 > x1]: both are learnt whatever the interleaving of the updates.
    assertThat(after.value("sum", "rmse")).isLessThan(before / 3);
    assertThat(after.value("sign", "auc")).isGreaterThan(0.95);
    assertThat(r.steps()).isEqualTo(6L * ((train.rows() + 15) / 16));
  }

  @Test
  void oneWorkerIsPlainSgdBitForBitAsTheSynchronousTrainerRunsIt() {
    Dataset train = TrainerTest.data(300, 4, true);
    MultiTaskModel async = TrainerTest.model(4), sync = TrainerTest.model(4);
    Hogwild.fit(async, train, null, options(1, 7));
    new Trainer(TrainingConfig.builder().epochs(6).batchSize(16).seed(7).optimizer("sgd", java.util.Map.of("learningRate", 0.05))
        .patience(0).build()).fit(sync, train, null);
    assertThat(async.parameters().values()).containsExactly(sync.parameters().values());
  }

  @Test
  void refusesMoreThreadsThanTheLimitNamingTheKey() {
    assertThatThrownBy(() -> options(ThreadLimit.max() + 1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("training.threads = " + (ThreadLimit.max() + 1));
    assertThatThrownBy(() -> new Hogwild.Options(1, 1, 16, 0, 1)).hasMessageContaining("learningRate = 0.0");
  }
}
