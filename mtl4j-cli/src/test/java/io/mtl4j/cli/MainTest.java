package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @Test
  void infoNamesTheBlasBackend() {
    CliRunner.Result r = CliRunner.run("info");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("BLAS backend:").containsPattern("JNIBLAS|VectorBLAS|F2jBLAS");
  }

  @Test
  void unknownCommandIsAUsageErrorWithExitCode2() {
    CliRunner.Result r = CliRunner.run("trian");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("trian");
  }

  @Test
  void badOptionValueIsAUsageErrorWithExitCode2() {
    CliRunner.Result r = CliRunner.run("bench", "mmoe", "--batch", "many");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--batch").contains("many");
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] cmd : new String[][] {{"--help"}, {"demo", "--help"}, {"bench", "mmoe", "--help"}, {"info", "--help"}}) {
      CliRunner.Result r = CliRunner.run(cmd);
      assertThat(r.exitCode()).as(String.join(" ", cmd)).isZero();
      assertThat(r.out()).contains("Usage:");
    }
  }

  @Test
  void outOfMemoryIsOneClearLineWithExitCode1AndNoOutput(@TempDir Path dir) throws Exception {
    // One 30000 × 30000 expert layer: 3.6 GB of weights, far beyond the child's 64 MB heap.
    String config = CliFixture.CONFIG.replace("{experts: 2, expertHidden: [8]}", "{experts: 1, expertHidden: [30000, 30000]}");
    Path c = CliFixture.write(dir, CliFixture.csv(50, 1), config), err = dir.resolve("err.txt"), out = dir.resolve("out");
    Process p = CliFixture.start(err, List.of("-Xmx64m"), "train", "--config", c.toString(), "--data-dir", dir.toString(),
        "--out", out.toString());
    p.getInputStream().transferTo(OutputStream.nullOutputStream());
    int code = p.waitFor();
    String text = Files.readString(err);
    assertThat(code).as(text).isEqualTo(1);
    assertThat(text).contains("mtl4j train: out of memory", "-Xmx").doesNotContain("\tat ", "Exception in thread");
    assertThat(out).doesNotExist();
  }

  @Test
  void outOfMemoryDuringAFreshTrainingRunLeavesNoOutputDirectory(@TempDir Path dir) throws Exception {
    // A 2000 × 2000 expert layer fits the child's heap, so the model is created and OUT/run.json written; its
    // gradients and optimiser state do not, so the heap runs out once training has started.
    String config = CliFixture.config("{experts: 2, expertHidden: [8]}", "{experts: 1, expertHidden: [2000, 2000]}");
    Path c = CliFixture.write(dir, CliFixture.csv(50, 1), config), err = dir.resolve("err.txt"), out = dir.resolve("out");
    Process p = CliFixture.start(err, List.of("-Xmx64m"), "train", "--config", c.toString(), "--data-dir", dir.toString(),
        "--out", out.toString());
    String stdout = new String(p.getInputStream().readAllBytes());
    int code = p.waitFor();
    String text = Files.readString(err);
    assertThat(stdout).as("training had started").contains("mtl4j train: mmoe");
    assertThat(code).as(text).isEqualTo(1);
    assertThat(text.lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")))
        .as("one line besides the JVM's own warning").hasSize(1);
    assertThat(text).contains("mtl4j train: out of memory", "-Xmx").doesNotContain("\tat ", "Exception in thread");
    assertThat(out).as("a rerun needs no --force").doesNotExist();
  }

  @Test
  void outOfMemoryDuringATrainingRunKeepsTheFilesOfANonEmptyOutputDirectory(@TempDir Path dir) throws Exception {
    String config = CliFixture.config("{experts: 2, expertHidden: [8]}", "{experts: 1, expertHidden: [2000, 2000]}");
    Path c = CliFixture.write(dir, CliFixture.csv(50, 1), config), err = dir.resolve("err.txt"), out = dir.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("notes.txt"), "mine");
    Process p = CliFixture.start(err, List.of("-Xmx64m"), "train", "--config", c.toString(), "--data-dir", dir.toString(),
        "--out", out.toString(), "--force");
    p.getInputStream().transferTo(OutputStream.nullOutputStream());
    int code = p.waitFor();
    assertThat(code).as(Files.readString(err)).isEqualTo(1);
    assertThat(out.resolve("notes.txt")).hasContent("mine");
  }

  @Test
  void outOfMemoryDuringAResumableRunKeepsItsStateForResume(@TempDir Path dir) throws Exception {
    String config = CliFixture.config("{experts: 2, expertHidden: [8]}", "{experts: 1, expertHidden: [2000, 2000]}");
    Path c = CliFixture.write(dir, CliFixture.csv(50, 1), config), err = dir.resolve("err.txt"), out = dir.resolve("out");
    Process p = CliFixture.start(err, List.of("-Xmx64m"), "train", "--resume", out.toString(), "--config", c.toString(),
        "--data-dir", dir.toString());
    p.getInputStream().transferTo(OutputStream.nullOutputStream());
    int code = p.waitFor();
    assertThat(code).as(Files.readString(err)).isEqualTo(1);
    assertThat(out.resolve("run.json")).as("--resume with more heap continues it").isRegularFile();
  }

  @Test
  void outOfMemoryDuringACompareRunRemovesTheModelsItHadWritten(@TempDir Path dir) throws Exception {
    // single-task trains and is saved into OUT/models first; the 2000 × 2000 MMoE after it exhausts the 64 MB heap.
    String config = CliFixture.config("{name: mmoe, options: {experts: 2, expertHidden: [4]}}",
        "{name: mmoe, options: {experts: 1, expertHidden: [2000, 2000]}}");
    Path c = CliFixture.write(dir, CliFixture.csv(50, 1), config), err = dir.resolve("err.txt"), out = dir.resolve("out");
    Process p = CliFixture.start(err, List.of("-Xmx64m"), "compare", "--config", c.toString(), "--data-dir",
        dir.toString(), "--out", out.toString(), "--seeds", "1");
    String stdout = new String(p.getInputStream().readAllBytes());
    int code = p.waitFor();
    String text = Files.readString(err);
    assertThat(stdout).as("the first model had been trained").contains("single-task");
    assertThat(code).as(text).isEqualTo(1);
    assertThat(text).contains("mtl4j compare: out of memory", "-Xmx").doesNotContain("\tat ", "Exception in thread");
    assertThat(out).as("a rerun needs no --force").doesNotExist();
  }
}
