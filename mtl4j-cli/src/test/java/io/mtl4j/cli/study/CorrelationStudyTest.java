package io.mtl4j.cli.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorrelationStudyTest {
  @TempDir Path dir;

  @Test
  void writesOneResultRowPerRunAndThePlots() throws Exception {
    int code = quietly(() -> Main.run("study", "correlation", "--rho", "0.5,1.0", "--repeats", "2", "--train-size", "300",
        "--valid-size", "100", "--test-size", "100", "--epochs", "2", "--batch", "64", "--architectures", "shared-bottom,mmoe",
        "--threads", "1", "--out", dir.toString()));
    assertThat(code).isZero();
    List<String> lines = Files.readAllLines(dir.resolve("results.csv"));
    assertThat(lines.get(0)).isEqualTo("architecture,rho,repeat,task1,task2,average");
    assertThat(lines).hasSize(1 + 2 * 2 * 2);
    assertThat(lines).anyMatch(l -> l.startsWith("mmoe,1.0,1,"));
    for (String png : List.of("loss-vs-rho.png", "training-curves-rho0.5.png", "final-loss-spread-rho1.0.png")) {
      assertThat(Files.size(dir.resolve(png))).as(png).isGreaterThan(1000);
    }
  }

  @Test
  void unknownArchitectureIsBadUsage() {
    assertThat(quietly(() -> Main.run("study", "correlation", "--architectures", "nope", "--out", dir.toString()))).isEqualTo(2);
  }

  @Test
  void pleBenchPrintsOneJsonLine() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    System.setOut(new PrintStream(buffer));
    int code;
    try {
      code = Main.run("bench", "ple", "--batch", "32", "--inputs", "8", "--expert-hidden", "4", "--steps", "2", "--warmup", "1",
          "--threads", "1");
    } finally {
      System.setOut(saved);
    }
    assertThat(code).isZero();
    assertThat(buffer.toString()).contains("\"workload\":\"ple-train-step\"").contains("\"ms_per_step\":");
  }

  private static int quietly(java.util.function.IntSupplier run) {
    PrintStream saved = System.out, savedErr = System.err;
    System.setOut(new PrintStream(new ByteArrayOutputStream()));
    System.setErr(new PrintStream(new ByteArrayOutputStream()));
    try {
      return run.getAsInt();
    } finally {
      System.setOut(saved);
      System.setErr(savedErr);
    }
  }
}
