package io.mtl4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Small files for CLI tests: a CSV with two numeric and one categorical feature and two labels, and its config. */
public final class CliFixture {
  /** Exit code and error text of one CLI run. */
  public record Result(int code, String err) {}

  private CliFixture() {}

  public static Result run(String... args) {
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(err, true), args);
    return new Result(code, err.toString());
  }

  /**
   * Starts the CLI in a child JVM with this JVM's options, then {@code jvmOptions} (which thus win), and this
   * classpath; standard error goes to {@code err}.
   */
  public static Process start(Path err, List<String> jvmOptions, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent")).toList());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectError(err.toFile()).start();
  }

  /** {@code rows} rows: y1 = x1 + x2 > 0 (noisy), y2 = colour == red. */
  public static String csv(int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String[] colours = {"red", "green", "blue"};
    StringBuilder sb = new StringBuilder("x1,x2,colour,y1,y2\n");
    for (int i = 0; i < rows; i++) {
      double x1 = r.nextGaussian(), x2 = r.nextGaussian();
      String c = colours[r.nextInt(3)];
      int y1 = x1 + x2 + 0.3 * r.nextGaussian() > 0 ? 1 : 0;
      sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%s,%s,%s%n", x1, x2, c, y1 == 1 ? "yes" : "no", c.equals("red") ? 1 : 0));
    }
    return sb.toString();
  }

  public static final String CONFIG = """
      data:
        train: data.csv
        split: {method: random, valid: 0.2, test: 0.2}
      tasks:
        - {name: first, type: binary, column: y1, positive: ["yes"], metrics: [auc, logloss]}
        - {name: second, type: binary, column: y2, metrics: [auc]}
      architecture:
        name: mmoe
        options: {experts: 2, expertHidden: [8]}
        head: {hidden: [4]}
      optimizer: {name: adam, options: {learningRate: 0.01}}
      training: {epochs: 3, batchSize: 64, threads: 1, seed: 1, patience: 0}
      compare: {seeds: 2, models: [{name: single-task, options: {hidden: [4]}}, {name: mmoe, options: {experts: 2, expertHidden: [4]}}]}
      """;

  /** {@link #CONFIG} with {@code from} replaced by {@code to} (which must occur in it). */
  static String config(String from, String to) {
    String c = CONFIG.replace(from, to);
    if (c.equals(CONFIG)) throw new IllegalArgumentException("'" + from + "' is not in CliFixture.CONFIG");
    return c;
  }

  /** Writes data.csv and config.yaml (with {@code config} text) into {@code dir}; returns the config path. */
  public static Path write(Path dir, String data, String config) throws IOException {
    Files.writeString(dir.resolve("data.csv"), data);
    Path c = dir.resolve("config.yaml");
    Files.writeString(c, config);
    return c;
  }
}
