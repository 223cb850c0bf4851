package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare}: no "± std" from one seed; weightings apply to multi-task models only. */
class CompareWeightingsTest {
  @TempDir Path dir;

  private CliRunner.Result compare(String... extra) throws IOException {
    Path config = CliFixture.write(dir, CliFixture.csv(200, 1), CliFixture.CONFIG);
    List<String> args = new java.util.ArrayList<>(List.of("compare", "--config", config.toString(), "--data-dir",
        dir.toString(), "--out", dir.resolve("out").toString(), "--quiet"));
    args.addAll(List.of(extra));
    CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isZero();
    return r;
  }

  @Test
  void oneSeedPrintsMeansWithoutStandardDeviation() throws IOException {
    CliRunner.Result r = compare("--seeds", "1");
    assertThat(r.out()).doesNotContain("±").containsPattern("(?m)^mmoe +\\d\\.\\d{4} ");
    assertThat(Files.readString(dir.resolve("out/report.html"))).doesNotContain("±");
  }

  @Test
  void severalSeedsPrintMeanAndStandardDeviation() throws IOException {
    assertThat(compare("--seeds", "2").out()).containsPattern("(?m)^mmoe +\\d\\.\\d{4} ± \\d\\.\\d{4}");
  }

  /** A weighting on one task's loss changes nothing, so single-task is trained once and stays the Δm% baseline. */
  @Test
  void weightingsApplyToMultiTaskModelsOnlyAndSingleTaskStaysTheBaseline() throws IOException {
    CliRunner.Result r = compare("--seeds", "1", "--weightings", "ew,uw");
    List<String> models = Files.readAllLines(dir.resolve("out/comparison.csv")).stream().skip(1)
        .map(l -> l.split(",")[0]).distinct().toList();
    assertThat(models).containsExactly("single-task", "mmoe+ew", "mmoe+uw");
    assertThat(dir.resolve("out/models/single-task.mtl4j")).exists();
    assertThat(r.out()).contains("Δm% vs single-task").containsPattern("(?m)^single-task .* 0\\.0000 *$");
  }
}
