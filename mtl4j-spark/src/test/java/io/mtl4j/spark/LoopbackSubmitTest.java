package io.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mtl4j.cli.Main;
import io.mtl4j.io.ModelFile;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's spark-submit command, run: {@code loopback-cluster.sh submit} runs what the spark-submit script runs
 * ({@code org.apache.spark.deploy.SparkSubmit}) with the README's arguments and {@code target/mtl4j-spark-all.jar}
 * against a standalone master and two workers on 127.0.0.1. Driver and executors get Spark's jars only (the test
 * classpath's jars without mtl4j's own): mtl4j comes from the submitted jar. Tagged {@code cluster}: it runs with
 * {@code -Pcluster} after package, and skips with a message when the data, the jar or the cluster is absent.
 */
@Tag("cluster")
class LoopbackSubmitTest {
  private static final Path JAR = Path.of("target", "mtl4j-spark-all.jar").toAbsolutePath();
  private static final int ROWS = 8_000;

  @Test
  void theReadmesSparkSubmitCommandWritesTheModelOfTheSparkEngine(@TempDir Path dir) throws Exception {
    assumeTrue(Files.exists(LoopbackClusterTest.census()),
        "../shared/data/census-income-kdd absent (see its PROVENANCE.md): skipped");
    assumeTrue(Files.exists(JAR), "target/mtl4j-spark-all.jar absent: `mvn package` builds it (-Pcluster runs this "
        + "test after package): skipped");
    Path csv = dir.resolve("census-income-small.csv");
    LoopbackClusterTest.writePrefix(LoopbackClusterTest.census(), csv, ROWS);
    Path config = dir.resolve("census.yaml");
    try (var in = getClass().getResourceAsStream("/cluster/census-income-small.yaml")) {
      Files.copy(in, config);
    }
    Path cluster = dir.resolve("cluster");
    String classpath = System.getProperty("java.class.path");
    String master = LoopbackClusterTest.script("start", cluster.toString(),
        String.valueOf(LoopbackClusterTest.freePort()), classpath);
    Path submitted = dir.resolve("submitted");
    try {
      assumeTrue(master.startsWith("spark://"), "the loopback cluster did not start: " + master);
      Path log = cluster.resolve("submit.log");
      int code = submit(log, cluster, "--master", master, "--class", "io.mtl4j.cli.Main", JAR.toString(),
          "train", "--engine", "spark", "--config", config.toString(), "--data-dir", dir.toString(),
          "--out", submitted.toString());
      assertThat(code).as("spark-submit's exit code; the end of %s:%n%s", log, tail(log)).isZero();
      for (String worker : List.of("worker1", "worker2")) {
        assertThat(executorLogs(cluster.resolve(worker))).as("%s's executor loaded the submitted jar and ran tasks",
            worker).contains("mtl4j-spark-all.jar").contains("Finished task");
      }
    } finally {
      LoopbackClusterTest.script("stop", cluster.toString());
    }
    // Two partitions, as the two one-core workers gave: the same partial sums in the same order.
    Path local = dir.resolve("local");
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(err, true), "train", "--engine", "spark", "--master", "local[2]",
        "--config", config.toString(), "--data-dir", dir.toString(), "--out", local.toString(), "--quiet");
    assertThat(code).as("train --engine spark; stderr: %s", err).isZero();

    assertThat(files(submitted)).as("the files written").isEqualTo(files(local));
    assertThat(parameters(submitted)).as("the saved parameters, bit for bit").containsExactly(parameters(local));
    assertThat(predict(submitted, csv, config)).as("predictions of the plain library")
        .isNotEmpty().isEqualTo(predict(local, csv, config));
  }

  /** Runs the script's submit verb with Spark's jars; its output goes to {@code log}. */
  private static int submit(Path log, Path cluster, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", LoopbackClusterTest.SCRIPT.toString(), "submit",
        cluster.toString(), sparkJars()));
    command.addAll(Arrays.asList(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return p.waitFor();
  }

  /** The test classpath's jars without mtl4j's own (reactor modules and installed artifacts). */
  private static String sparkJars() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> e.endsWith(".jar") && !Path.of(e).getFileName().toString().startsWith("mtl4j-")
            && !e.contains(File.separator + "io" + File.separator + "mtl4j" + File.separator))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** The standard error of every executor a worker ran (work-dir/app-id/executor-id/stderr), joined. */
  private static String executorLogs(Path workDir) throws IOException {
    if (!Files.isDirectory(workDir)) return "";
    try (Stream<Path> s = Files.walk(workDir)) {
      StringBuilder out = new StringBuilder();
      for (Path p : s.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
        out.append(Files.readString(p));
      }
      return out.toString();
    }
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static float[] parameters(Path out) throws IOException {
    return ModelFile.load(out.resolve("model.mtl4j")).model().parameters().values();
  }

  /**
   * The plain library's predictions ({@code mtl4j predict}) of the model in {@code out} for every row of csv, the
   * validation and test rows' categories unseen in training mapped to the unknown bucket.
   */
  private static String predict(Path out, Path csv, Path config) throws IOException {
    Path predictions = out.resolve("predictions.csv");
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(err, true), "predict", "-m", out.resolve("model.mtl4j").toString(),
        "-i", csv.toString(), "-o", predictions.toString(), "-c", config.toString(), "--allow-unknown");
    assertThat(code).as("mtl4j predict; stderr: %s", err).isZero();
    return Files.readString(predictions);
  }

  private static String tail(Path log) throws IOException {
    if (!Files.exists(log)) return "(no output)";
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
