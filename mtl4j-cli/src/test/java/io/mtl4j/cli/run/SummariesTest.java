package io.mtl4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.metrics.Evaluation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummariesTest {
  private static final Evaluation E = Evaluation.builder().add("click", "auc", 0.8, true)
      .add("recon", "auc", 0.2, true).auxiliary("recon").build();

  @Test
  void theConsoleMarksAnAuxiliaryTask() {
    assertThat(Summaries.format(E)).isEqualTo("  click           auc 0.8000\n  recon           auc 0.2000  (auxiliary)\n");
  }

  @Test
  void theMetricsFileKeepsItsScoresAndAveragesTheMainTasks() {
    Map<String, Object> m = Summaries.evaluation(E);
    assertThat(m).containsKeys("click", "recon");
    assertThat(m.get("average")).isEqualTo(Map.of("auc", 0.8));
  }
}
