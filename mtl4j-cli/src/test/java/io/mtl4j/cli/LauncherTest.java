package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code mtl4j} launcher's first build, run off a terminal (as in CI or with output to a file) against a stand-in
 * {@code mvn} that writes ANSI codes as Maven 3.8 does even with {@code -B -q}.
 */
class LauncherTest {
  private static final Path LAUNCHER = Path.of("..", "mtl4j");

  @TempDir Path dir;

  private void script(Path file, String body) throws IOException {
    Files.writeString(file, "#!/usr/bin/env bash\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void firstBuildWritesNoEscapeCodesWhenOutputIsNotATerminal() throws Exception {
    assumeTrue(Files.isRegularFile(LAUNCHER), "the launcher script is at the repository root");
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")), "needs bash");
    Path root = Files.createDirectories(dir.resolve("root"));
    Files.copy(LAUNCHER, root.resolve("mtl4j"));
    Files.writeString(root.resolve("pom.xml"), "<project/>\n");
    Path bin = Files.createDirectories(dir.resolve("bin"));
    script(bin.resolve("mvn"), """
        printf '\\033[0m\\033[0m\\033[1;33mWARNING\\033[m compiled\\n'
        printf '\\033[0m\\033[0m' >&2
        mkdir -p mtl4j-cli/target && touch mtl4j-cli/target/mtl4j-cli-all.jar""");
    script(bin.resolve("java"), "echo ran");
    ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("mtl4j").toString(), "info")
        .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    assertThat(pb.start().waitFor()).isZero();
    String err = Files.readString(dir.resolve("err"), StandardCharsets.UTF_8);
    assertThat(err).contains("mtl4j: building", "WARNING compiled").doesNotContain("\u001b");
    assertThat(Files.readString(dir.resolve("out"))).isEqualTo("ran\n");
  }

  @Test
  void theParquetReaderJarGoesAfterTheCliJarWhenBuilt() throws Exception {
    assumeTrue(Files.isRegularFile(LAUNCHER), "the launcher script is at the repository root");
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")), "needs bash");
    Path root = Files.createDirectories(dir.resolve("root"));
    Files.copy(LAUNCHER, root.resolve("mtl4j"));
    Files.writeString(root.resolve("pom.xml"), "<project/>\n");
    Path bin = Files.createDirectories(dir.resolve("bin"));
    script(bin.resolve("java"), "echo \"$@\"");
    Files.writeString(Files.createDirectories(root.resolve("mtl4j-cli/target")).resolve("mtl4j-cli-all.jar"), "");
    String[] lines = new String[2];
    for (int i = 0; i < 2; i++) {
      if (i == 1) Files.writeString(Files.createDirectories(root.resolve("mtl4j-parquet/target")).resolve("mtl4j-parquet-all.jar"), "");
      ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("mtl4j").toString(), "info")
          .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
      pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
      assertThat(pb.start().waitFor()).isZero();
      lines[i] = Files.readString(dir.resolve("out"));
    }
    String cli = root.resolve("mtl4j-cli/target/mtl4j-cli-all.jar").toString();
    assertThat(lines[0]).contains("-cp " + cli + " io.mtl4j.cli.Main info");
    assertThat(lines[1]).contains("-cp " + cli + ":" + root.resolve("mtl4j-parquet/target/mtl4j-parquet-all.jar")
        + " io.mtl4j.cli.Main info");
  }
}
