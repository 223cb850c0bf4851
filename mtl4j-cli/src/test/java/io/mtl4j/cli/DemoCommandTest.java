package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.within;

import io.mtl4j.metrics.DeltaM;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
  @Test
  void demoPrintsOneTableWithEveryModelAndDeltaM() {
    CliRunner.Result r = CliRunner.run("demo", "--train-rows", "600", "--epochs", "3", "--seeds", "1", "--threads", "2");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("task1/mse").contains("task2/mse").contains("Δm%")
        .containsPattern("(?m)^single-task .* base$")
        .containsPattern("(?m)^shared-bottom .* [+-]\\d+\\.\\d\\d$")
        .containsPattern("(?m)^mmoe .* [+-]\\d+\\.\\d\\d$");
  }

  /**
   * The printed Δm% is recomputed from the printed table: per task the relative mse gain over single-task in % of its
   * mse (R², a function of the mse, is not counted), averaged over the two tasks; the console says what Δm% means.
   */
  @Test
  void printedDeltaMIsTheMeanRelativeMseGainAndIsExplained() {
    CliRunner.Result r = CliRunner.run("demo", "--train-rows", "600", "--epochs", "3", "--seeds", "1", "--threads", "2");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains(DeltaM.MEANING);
    List<String> all = r.out().lines().toList();
    List<String> lines = all.subList(all.indexOf(all.stream().filter(l -> l.startsWith("model ")).findFirst().orElseThrow()), all.size());
    int header = 0;
    List<String> names = Arrays.asList(lines.get(header).trim().split(" {2,}"));
    double[] base = row(lines, "single-task", names);
    for (String model : List.of("shared-bottom", "mmoe")) {
      double[] m = row(lines, model, names);
      double expected = 0;
      for (String task : List.of("task1", "task2")) {
        int c = names.indexOf(task + "/mse");
        expected += (base[c] - m[c]) / Math.abs(base[c]) * 100 / 2;
      }
      // the table rounds mse to 4 decimals: about 1e-4 / 0.5 of relative error, i.e. 0.02 percentage points
      assertThat(m[names.size() - 1]).as(model).isCloseTo(expected, within(0.05));
    }
  }

  private static double[] row(List<String> lines, String model, List<String> names) {
    String line = lines.stream().filter(l -> l.startsWith(model + " ")).findFirst().orElseThrow();
    String[] cells = line.trim().split(" {2,}");
    double[] out = new double[names.size()];
    for (int i = 1; i < cells.length; i++) out[i] = cells[i].equals("base") ? 0 : Double.parseDouble(cells[i]);
    return out;
  }

  @Test
  void invalidFractionIsRefusedWithExitCode2() {
    CliRunner.Result r = CliRunner.run("demo", "--task2-labelled", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--task2-labelled = 0.0");
  }
}
