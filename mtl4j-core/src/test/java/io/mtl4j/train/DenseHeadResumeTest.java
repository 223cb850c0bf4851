package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.DenseFixtures;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Dataset;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A model with a dense segmentation head resumes from a checkpoint to the weights of an uninterrupted run. */
class DenseHeadResumeTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"ew, 1, 3", "ew, 2, 7", "pcgrad, 2, 5"})
  void resumingAfterACrashGivesTheUninterruptedWeights(String weighting, int threads, long crashStep) {
    TrainingConfig c = TrainingConfig.builder().epochs(3).batchSize(16).seed(5).learningRate(0.01).patience(0)
        .checkpointEvery(2).weighting(weighting).threads(threads).build();
    Dataset train = DenseFixtures.data(64, 3), valid = DenseFixtures.data(32, 4);
    MultiTaskModel reference = model(1);
    TrainingResult uninterrupted = new Trainer(c).fit(reference, train, valid);

    MultiTaskModel crashed = model(1);
    assertThatThrownBy(() -> new Trainer(c, TrainerResumeTest.crashAfter(crashStep)).checkpoints(dir, false)
        .fit(crashed, train, valid)).isInstanceOf(TrainerResumeTest.Crash.class);
    MultiTaskModel resumed = model(99); // the checkpoint, not the initialisation, decides
    TrainingResult result = new Trainer(c).checkpoints(dir, true).fit(resumed, train, valid);

    assertThat(resumed.parameters().values()).containsExactly(reference.parameters().values());
    assertThat(result.steps()).isEqualTo(uninterrupted.steps());
    for (int e = 0; e < result.epochs().size(); e++) {
      assertThat(result.epochs().get(e).validation()).isEqualTo(uninterrupted.epochs().get(e).validation());
    }
  }

  private static MultiTaskModel model(long seed) {
    return MultiTaskModel.create(DenseFixtures.spec(DenseFixtures.both()), seed);
  }
}
