package io.mtl4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mtl4j.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassicalCompareTest {
  private static final Path SCHOOL = Path.of(System.getProperty("mtl4j.data.dir", "../../shared/data")).resolve("school");

  @Test
  void comparesClassicalModelsOnTheSchoolSplitsFromAConfig(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isDirectory(SCHOOL.resolve("splits-cikm2019")),
        "School data absent (../shared/data/school, see its PROVENANCE.md): skipping");
    Path config = dir.resolve("school.yaml");
    Files.writeString(config, String.join("\n", "data: {dataset: school}", "classical:", "  splits: school-cikm2019",
        "  models:", "    - {name: pooled, formulation: pooled, options: {}}",
        "    - {name: mean-reg, formulation: mean-regularized, options: {lambda1: 10, lambda2: 10}}", ""));
    Path out = dir.resolve("out");
    CliRunner.Result r = CliRunner.run("compare", "--config", config.toString(), "--data-dir", SCHOOL.toString(),
        "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> csv = Files.readAllLines(out.resolve("comparison.csv"));
    assertThat(csv.get(0)).isEqualTo("model,seed,task,metric,value");
    assertThat(csv).anyMatch(l -> l.startsWith("pooled,10,average,rmse,"));
    double pooled = csv.stream().filter(l -> l.startsWith("pooled,") && l.contains(",average,rmse,"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(',') + 1))).average().orElseThrow();
    assertThat(pooled).as("School's pooled least squares, mean RMSE over the 10 splits").isBetween(10.1, 10.25);
    assertThat(Files.readString(out.resolve("metrics.json"))).contains("\"mean-reg\"").contains("average rmse");
    assertThat(Files.readString(out.resolve("report.html"))).contains("mean ± std over 10 splits");
    assertThat(io.mtl4j.io.ClassicalModelFile.load(out.resolve("models/mean-reg.mtl4j")).model().formulation())
        .isEqualTo("mean-regularized");
  }

  @Test
  void unknownSplitSetAndMissingFormulationAreRefusedWithExitCode2(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, "data: {dataset: school}\nclassical:\n  splits: nope\n  models:\n"
        + "    - {name: pooled, formulation: pooled}\n");
    CliRunner.Result r = CliRunner.run("compare", "--config", config.toString(), "--out", dir.resolve("o").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("classical.splits = 'nope'");
    Files.writeString(config, "data: {dataset: school}\nclassical:\n  splits: school-cikm2019\n  models:\n"
        + "    - {name: x}\n");
    r = CliRunner.run("compare", "--config", config.toString(), "--out", dir.resolve("o2").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("has no 'formulation'");
  }
}
