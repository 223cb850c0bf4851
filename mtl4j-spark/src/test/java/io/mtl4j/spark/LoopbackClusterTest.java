package io.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mtl4j.cli.Main;
import io.mtl4j.io.ModelFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real cluster on loopback and a real fault: a Spark standalone master and two workers started from the Maven jars
 * by {@code src/test/cluster/loopback-cluster.sh}, {@code mtl4j train --engine spark} on census-income through it
 * twice, the second time with kill -9 of an executor JVM mid-training. Tagged {@code cluster}: it runs with
 * {@code -Pcluster} (2.5 minutes on a quiet two-core machine, 20 under a load average of 40), and skips with a message when the data or
 * the cluster is absent. The saved parameters are compared: the model file's provenance carries a timestamp.
 */
@Tag("cluster")
class LoopbackClusterTest {
  static final Path SCRIPT = Path.of("src", "test", "cluster", "loopback-cluster.sh").toAbsolutePath();
  /** Rows of the census-income file used: 12,000 training rows, 24 steps of 512 per epoch. */
  private static final int ROWS = 20_000;
  /** Jobs finished before the kill: past the middle of 48 steps (one job per step for ew, plus data jobs). */
  private static final int KILL_AFTER_JOBS = 30;

  static Path census() {
    return Path.of(System.getProperty("mtl4j.data.dir", Path.of("..", "..", "shared", "data").toString()),
        "census-income-kdd", "census-income.test.gz");
  }

  @Test
  void anExecutorKilledMidTrainingChangesNoBitOfTheModelFile(@TempDir Path dir) throws Exception {
    assumeTrue(Files.exists(census()), "../shared/data/census-income-kdd absent (see its PROVENANCE.md): skipped");
    writePrefix(census(), dir.resolve("census-income-small.csv"), ROWS);
    Path config = dir.resolve("census.yaml");
    try (var in = getClass().getResourceAsStream("/cluster/census-income-small.yaml")) {
      Files.copy(in, config);
    }
    Path cluster = dir.resolve("cluster");
    String classpath = System.getProperty("java.class.path");
    String master = script("start", cluster.toString(), String.valueOf(freePort()), classpath);
    try {
      assumeTrue(master.startsWith("spark://"), "the loopback cluster did not start: " + master);
      Map<String, String> settings = Map.of("spark.executor.extraClassPath", classpath,
          "spark.executor.memory", "512m", "spark.extraListeners", ClusterFault.class.getName());
      settings.forEach(System::setProperty);
      try {
        ClusterFault.arm(-1, SCRIPT, cluster);
        float[] undisturbed = train(master, config, dir.resolve("undisturbed"));
        ClusterFault.arm(KILL_AFTER_JOBS, SCRIPT, cluster);
        float[] killed = train(master, config, dir.resolve("killed"));
        assertThat(ClusterFault.killed()).as("an executor JVM was killed with -9").isNotBlank();
        assertThat(ProcessHandle.of(Long.parseLong(ClusterFault.killed())).map(ProcessHandle::isAlive))
            .as("the killed executor is gone").isIn(java.util.Optional.empty(), java.util.Optional.of(false));
        assertThat(ClusterFault.executorsRemoved()).as("Spark saw the executor lost").isPositive();
        assertThat(killed).as("the saved parameters, bit for bit").containsExactly(undisturbed);
      } finally {
        settings.keySet().forEach(System::clearProperty);
      }
    } finally {
      script("stop", cluster.toString());
    }
  }

  /** The parameters of the model file the run wrote (the file's provenance differs by its timestamp). */
  private static float[] train(String master, Path config, Path out) throws IOException {
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(err, true), "train", "--engine", "spark", "--master", master, "--config",
        config.toString(), "--data-dir", config.getParent().toString(), "--out", out.toString(), "--quiet");
    assertThat(code).as("mtl4j train exit code; stderr: %s", err).isZero();
    return ModelFile.load(out.resolve("model.mtl4j")).model().parameters().values();
  }

  static void writePrefix(Path gz, Path out, int rows) throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
        StandardCharsets.UTF_8)); Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      String line;
      for (int i = 0; i < rows && (line = in.readLine()) != null; i++) w.write(line + "\n");
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Runs the cluster script; returns its last output line (or its whole output when it failed). */
  static String script(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) return out;
    String[] lines = out.split("\n");
    return lines[lines.length - 1];
  }

}
