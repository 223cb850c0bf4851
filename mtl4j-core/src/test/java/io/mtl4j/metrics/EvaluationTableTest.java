package io.mtl4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.metrics.EvaluationTable.Model;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTableTest {

  private static Evaluation eval(double auc1, double logloss1, double auc2, double logloss2) {
    return Evaluation.builder()
        .add("ctr", "auc", auc1, true).add("ctr", "logloss", logloss1, false)
        .add("cvr", "auc", auc2, true).add("cvr", "logloss", logloss2, false).build();
  }

  @Test
  void alignsModelsTasksAveragesAndDeltaM() {
    String table = EvaluationTable.format(List.of(
        new Model("single-task", eval(0.80, 0.50, 0.60, 0.20)),
        new Model("mmoe", eval(0.88, 0.45, 0.60, 0.22))));
    // mmoe: ctr (+10 + 10)/2 = +10, cvr (0 − 10)/2 = −5 → Δm = +2.5
    assertThat(table).isEqualTo(String.join("\n",
        "model        ctr/auc  ctr/logloss  cvr/auc  cvr/logloss  avg auc  avg logloss    Δm%",
        "-----------  -------  -----------  -------  -----------  -------  -----------  -----",
        "single-task   0.8000       0.5000   0.6000       0.2000   0.7000       0.3500   base",
        "mmoe          0.8800       0.4500   0.6000       0.2200   0.7400       0.3350  +2.50",
        ""));
  }

  @Test
  void showsMissingCellsAndOmitsDeltaMWithoutABaseline() {
    Evaluation partial = Evaluation.builder().add("ctr", "auc", 0.75, true).build();
    String table = EvaluationTable.format(List.of(
        new Model("a", eval(0.80, 0.50, 0.60, 0.20)), new Model("b", partial)), null);
    assertThat(table.lines().toList().get(3)).isEqualTo("b       0.7500            -        -            -   0.7500          nan");
    assertThat(table).doesNotContain("Δm%");
  }
}
