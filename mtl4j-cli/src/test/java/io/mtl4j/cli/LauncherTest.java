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

  /** A copy of the launcher in {@code root} (with a pom) and an empty {@code bin} for stand-in tools. */
  private static void prepare(Path root, Path bin) throws IOException {
    assumeTrue(Files.isRegularFile(LAUNCHER), "the launcher script is at the repository root");
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")), "needs bash");
    Files.createDirectories(root);
    Files.copy(LAUNCHER, root.resolve("mtl4j"));
    Files.writeString(root.resolve("pom.xml"), "<project/>\n");
    Files.createDirectories(bin);
  }

  /** {@code mtl4j info} with {@code bin} first on the PATH; its output in {@code dir/out} and {@code dir/err}. */
  private void runInfo(Path root, Path bin) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("mtl4j").toString(), "info")
        .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    assertThat(pb.start().waitFor()).isZero();
  }

  @Test
  void firstBuildWritesNoEscapeCodesWhenOutputIsNotATerminal() throws Exception {
    Path root = dir.resolve("root"), bin = dir.resolve("bin");
    prepare(root, bin);
    script(bin.resolve("mvn"), """
        printf '\\033[0m\\033[0m\\033[1;33mWARNING\\033[m compiled\\n'
        printf '\\033[0m\\033[0m' >&2
        mkdir -p mtl4j-cli/target && touch mtl4j-cli/target/mtl4j-cli-all.jar""");
    script(bin.resolve("java"), "echo ran");
    runInfo(root, bin);
    String err = Files.readString(dir.resolve("err"), StandardCharsets.UTF_8);
    assertThat(err).contains("mtl4j: building", "WARNING compiled").doesNotContain("\u001b");
    assertThat(Files.readString(dir.resolve("out"))).isEqualTo("ran\n");
  }

  @Test
  void theParquetReaderJarGoesAfterTheCliJarWhenBuilt() throws Exception {
    Path root = dir.resolve("root"), bin = dir.resolve("bin");
    prepare(root, bin);
    script(bin.resolve("java"), "echo \"$@\"");
    Files.writeString(Files.createDirectories(root.resolve("mtl4j-cli/target")).resolve("mtl4j-cli-all.jar"), "");
    String cli = root.resolve("mtl4j-cli/target/mtl4j-cli-all.jar").toString();
    runInfo(root, bin);
    assertThat(Files.readString(dir.resolve("out"))).contains("-cp " + cli + " io.mtl4j.cli.Main info");
    Path parquet = Files.createDirectories(root.resolve("mtl4j-parquet/target")).resolve("mtl4j-parquet-all.jar");
    Files.writeString(parquet, "");
    runInfo(root, bin);
    assertThat(Files.readString(dir.resolve("out"))).contains("-cp " + cli + ":" + parquet + " io.mtl4j.cli.Main info");
  }
}
