package io.mtl4j.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.cli.CliFixture;
import io.mtl4j.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learnt tree of an ltb model in train's console output and report, and in {@code info --model}. */
class BranchingSectionTest {
  @TempDir Path dir;

  @Test
  void trainAndInfoPrintTheTreeAnLtbModelLearnt() throws Exception {
    String config = CliFixture.CONFIG.replace("name: mmoe\n  options: {experts: 2, expertHidden: [8]}",
        "name: ltb\n  options: {hidden: [8, 6], fixAfter: 2}");
    assertThat(config).as("the fixture's architecture was replaced").contains("name: ltb");
    Path c = CliFixture.write(dir, CliFixture.csv(400, 3), config);
    CliRunner.Result trained = CliRunner.run("train", "--config", c.toString(), "--data-dir", dir.toString(), "--out", dir.resolve("out").toString());
    assertThat(trained.exitCode()).as(trained.err()).isZero();
    // Two tasks, two layers: the bottom layer either shares one node or gives each task its own.
    assertThat(trained.out()).contains("learnt tree (fixed)").containsPattern("layer 0: \\{first(, second)?\\}")
        .contains("layer 1: {first} {second}");
    assertThat(Files.readString(dir.resolve("out/report.html"))).contains("Learnt tree (ltb, fixed)");

    CliRunner.Result info = CliRunner.run("info", "--model", dir.resolve("out/model.mtl4j").toString());
    assertThat(info.exitCode()).as(info.err()).isZero();
    assertThat(info.out()).contains("architecture:   ltb").contains("tasks:          [first, second]")
        .contains("learnt tree (fixed)");
  }

  @Test
  void relatesReportShowsTheLearntTreeBesideTheRecommendedGrouping() throws Exception {
    Path c = CliFixture.write(dir, CliFixture.csv(300, 5), CliFixture.CONFIG.replace(
        "name: mmoe\n  options: {experts: 2, expertHidden: [8]}", "name: ltb\n  options: {hidden: [6, 4], fixAfter: 2}"));
    CliRunner.Result related = CliRunner.run("relate", "--config", c.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve("rel").toString(), "--every", "5");
    assertThat(related.exitCode()).as(related.err()).isZero();
    assertThat(related.out()).contains("Recommended groups").contains("learnt tree (fixed)");
    assertThat(Files.readString(dir.resolve("rel/report.html"))).contains("Learnt tree (ltb, fixed)");
  }

  @Test
  void otherArchitecturesHaveNoTree() throws Exception {
    Path c = CliFixture.write(dir, CliFixture.csv(200, 4), CliFixture.CONFIG.replace("epochs: 3", "epochs: 1"));
    CliRunner.Result trained = CliRunner.run("train", "--config", c.toString(), "--data-dir", dir.toString(), "--out", dir.resolve("out").toString());
    assertThat(trained.exitCode()).as(trained.err()).isZero();
    CliRunner.Result info = CliRunner.run("info", "--model", dir.resolve("out/model.mtl4j").toString());
    assertThat(info.out()).contains("architecture:   mmoe").doesNotContain("learnt tree");
    assertThat(trained.out()).doesNotContain("learnt tree");
  }
}
