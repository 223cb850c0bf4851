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
}
