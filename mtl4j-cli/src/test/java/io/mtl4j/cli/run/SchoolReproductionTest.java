package io.mtl4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mtl4j.classical.ComparedModel;
import io.mtl4j.classical.ComparisonRow;
import io.mtl4j.classical.TrainTestSplit;
import io.mtl4j.data.school.School;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * School split 1 of the CIKM-2019 benchmark (the full 10-split compare is a command, SchoolComparisonMain). The
 * expected values are this split's: converged Lasso 10.9238 (an independent numpy APG run to 20,000 iterations
 * gives 10.92383), MALSAR-compatible trace norm 11.3064 and Lasso 11.2706.
 */
class SchoolReproductionTest {
  private static TrainTestSplit split;

  static Path dir() {
    return Path.of(System.getProperty("mtl4j.data.dir", Path.of("..", "..", "shared", "data").toString()))
        .resolve("school");
  }

  @BeforeAll
  static void load() {
    assumeTrue(School.available(dir()), "../shared/data/school absent (see its PROVENANCE.md): skipped");
    split = TrainTestSplit.of(School.cikm2019Split(dir(), 1));
  }

  @Test
  void convergedLassoAndMalsarCompatibleRunsReproduceSplitOne() {
    List<ComparedModel> models = List.of(
        new ComparedModel("lasso", "lasso", Map.of("lambda", 100)),
        new ComparedModel("trace-malsar", "trace", Map.of("lambda", 100, "mode", "malsar", "tol", 1e-5,
            "max-iter", 1500)),
        new ComparedModel("lasso-malsar", "lasso", Map.of("lambda", 100, "mode", "malsar", "tol", 1e-5,
            "max-iter", 1500)));
    List<ComparisonRow> rows = ClassicalComparison.run(models, List.of(split));
    assertThat(rmse(rows, "lasso")).isCloseTo(10.9238, within(0.002));
    assertThat(rmse(rows, "trace-malsar")).isCloseTo(11.3064, within(0.002));
    assertThat(rmse(rows, "lasso-malsar")).isCloseTo(11.2706, within(0.002));
    assertThat(rows).allSatisfy(r -> assertThat(r.seed()).isEqualTo(1));
    assertThat(rows.stream().filter(r -> r.metric().equals("explained-variance")).count()).isEqualTo(3);
  }

  @Test
  void validationTuningPicksAGridPointAndReportsIt() {
    List<ComparedModel> models = List.of(new ComparedModel("mean-regularized", "mean-regularized",
        Map.of("lambda1", List.of(1, 30, 1000))), new ComparedModel("pooled", "pooled", Map.of()));
    List<ComparisonRow> rows = ClassicalComparison.run(models, List.of(split));
    double chosen = rows.stream().filter(r -> r.metric().equals("selected-lambda1")).findFirst().orElseThrow().value();
    assertThat(chosen).isIn(1.0, 30.0, 1000.0);
    assertThat(rmse(rows, "mean-regularized")).isLessThan(rmse(rows, "pooled"));
  }

  private static double rmse(List<ComparisonRow> rows, String model) {
    return rows.stream().filter(r -> r.model().equals(model) && r.task().equals("average") && r.metric().equals("rmse"))
        .findFirst().orElseThrow().value();
  }
}
