package io.mtl4j.cli.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.metrics.Evaluation;
import io.mtl4j.train.EpochRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Plain epoch lines: the "valid score" they print is explained once, before its first value. */
class ProgressPrinterTest {
  private static String epochs(int n, boolean validation) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressPrinter p = new ProgressPrinter("mmoe", new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
    p.onTrainingBegin(n, 10);
    for (int e = 0; e < n; e++) {
      Evaluation v = validation ? Evaluation.builder().add("y", "rmse", 7.37 - e, false).build() : null;
      p.onEpochEnd(new EpochRecord(e, new double[] {1.0 / (e + 1)}, new double[] {1}, v, v == null ? 0 : v.meanPrimaryScore(),
          true, 0.1, 0.02));
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void explainsTheValidScoreOnceBeforeItsFirstValue() {
    String out = epochs(3, true);
    assertThat(out).containsOnlyOnce(EpochRecord.SCORE_MEANING);
    assertThat(out.indexOf(EpochRecord.SCORE_MEANING)).isLessThan(out.indexOf("valid score -7.3700"));
    assertThat(EpochRecord.SCORE_MEANING).contains("higher is better");
  }

  @Test
  void saysNothingAboutAScoreItDoesNotPrint() {
    assertThat(epochs(2, false)).doesNotContain("valid score");
  }
}
