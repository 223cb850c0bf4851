package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A classical section that cannot work fails with exit code 2, naming the key, before any output is written. */
class ClassicalConfigErrorsTest {
  @TempDir Path dir;

  static Stream<Arguments> badSections() {
    return Stream.of(
        Arguments.of("least squares on a multiclass task", "{formulation: l21, options: {lambda: 1}}", "kind",
            new String[] {"classical.formulation", "'l21'", "cannot serve task 'kind' of type multiclass",
                "regression and binary tasks only"}),
        Arguments.of("least squares on a binary task", "{formulation: trace}", "flag",
            new String[] {"cannot serve task 'flag' of type binary", "set classical.options.loss: logistic"}),
        Arguments.of("a classifier on a regression task", "{formulation: mt-svm}", "size",
            new String[] {"'mt-svm'", "is a classifier", "cannot serve task 'size' of type regression"}),
        Arguments.of("an unknown formulation", "{formulation: l22}", "size",
            new String[] {"classical.formulation: unknown formulation 'l22'; known: [lasso, ridge"}),
        Arguments.of("a missing formulation", "{options: {lambda: 1}}", "size",
            new String[] {"classical.formulation is missing", "[lasso, ridge"}),
        Arguments.of("an unknown option", "{formulation: l21, options: {lamda: 1}}", "size",
            new String[] {"classical.options: formulation 'l21': unknown option 'lamda'; known:"}),
        Arguments.of("a fixed split set", "{splits: school-cikm2019, formulation: l21}", "size",
            new String[] {"classical.splits = 'school-cikm2019'", "'mtl4j compare'"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSections")
  void trainRefusesWithExitCode2NamingTheKey(String what, String section, String task, String[] message)
      throws IOException {
    String type = switch (task) {
      case "kind" -> "multiclass";
      case "flag" -> "binary";
      default -> "regression";
    };
    String config = """
        data:
          train: data.csv
          split: {method: random, valid: 0.2, test: 0.2}
        tasks:
          - {name: %s, type: %s, column: %s}
        classical: %s
        """.formatted(task, type, task, section);
    Path file = CliFixture.write(dir, csv(), config);
    Path out = dir.resolve("out");
    CliFixture.Result r = CliFixture.run("train", "--config", file.toString(), "--data-dir", dir.toString(),
        "--out", out.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(message);
    assertThat(out).doesNotExist();
  }

  @Test
  void featureGroupsAreRefusedWithExitCode2BeforeAnythingIsWritten() throws IOException {
    String config = """
        data:
          train: data.csv
          split: {method: random, valid: 0.2, test: 0.2}
        inputs:
          - {name: numbers, kind: dense, columns: [x]}
        tasks:
          - {name: size, type: regression, column: size}
        classical: {formulation: ridge}
        """;
    Path file = CliFixture.write(dir, csv(), config);
    Path out = dir.resolve("out");
    CliFixture.Result r = CliFixture.run("train", "--config", file.toString(), "--data-dir", dir.toString(),
        "--out", out.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("inputs: classical formulations read one features matrix");
    assertThat(out).doesNotExist();
  }

  private static String csv() {
    SplittableRandom r = new SplittableRandom(1);
    StringBuilder sb = new StringBuilder("x,size,flag,kind\n");
    for (int i = 0; i < 60; i++) {
      double x = r.nextGaussian();
      sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%d,%s%n", x, 2 * x, x > 0 ? 1 : 0, "abc".charAt(i % 3)));
    }
    return sb.toString();
  }
}
