package io.mtl4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.metrics.Evaluation;
import io.mtl4j.train.EpochRecord;
import io.mtl4j.train.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvergenceTest {
  private static final Evaluation VALID = Evaluation.builder().add("t", "rmse", 1.0, false).build();

  /** A run of {@code losses.length} epochs with those mean training losses, best epoch {@code best}. */
  private static TrainingResult run(int best, boolean validation, double... losses) {
    List<EpochRecord> epochs = new ArrayList<>();
    for (int e = 0; e < losses.length; e++) {
      epochs.add(new EpochRecord(e, new double[] {losses[e]}, new double[] {1}, validation ? VALID : null, 0, e == best, 0, 0));
    }
    return new TrainingResult(epochs, best, losses.length, 0);
  }

  @Test
  void warnsWhenTheBestValidationEpochIsTheLast() {
    assertThat(Convergence.warning(run(5, true, 1, 1, 1, 1, 1, 1), 6)).get().asString()
        .contains("the best validation epoch is the last one (6)").doesNotContain("still fell");
  }

  @Test
  void warnsWhenTheTrainingLossStillFalls() {
    // 1.00 → 0.90 over the last 5 epochs: 10% > 1%
    assertThat(Convergence.warning(run(2, true, 2, 1.0, 0.98, 0.96, 0.94, 0.92, 0.90), 7)).get().asString()
        .contains("the training loss still fell 10.0% over the last 5 epochs").doesNotContain("best validation");
  }

  @Test
  void isSilentForAFlatLossWithAnEarlierBestEpoch() {
    assertThat(Convergence.warning(run(3, true, 2, 1.0, 1.0, 0.999, 0.999, 0.998, 0.998), 7)).isEmpty();
  }

  @Test
  void isSilentWhenEarlyStoppingEndedTheRun() {
    assertThat(Convergence.warning(run(4, true, 5, 4, 3, 2, 1), 30)).isEmpty();
  }
}
