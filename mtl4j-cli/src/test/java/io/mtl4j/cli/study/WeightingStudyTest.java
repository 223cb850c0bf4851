package io.mtl4j.cli.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.cli.CliFixture;
import io.mtl4j.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightingStudyTest {
  private static final Path DATA = Path.of(System.getProperty("mtl4j.data.dir", "../../shared/data"));

  @Test
  void writesTheTableTheCsvAndTheChartAndSaysWhichMethodsItSkipped(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("study");
    CliRunner.Result r = CliRunner.run("study", "weighting", "--out", out.toString(),
        // CGC has no single shared representation, so GradDrop (representation gradients) must be skipped.
        "--methods", "ew,pcgrad,modo,graddrop", "--architecture", "cgc", "--epochs", "2", "--train-rows", "300", "--seeds", "1", "--threads", "2");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("(?m)^ew .* base +\\d+\\.\\d{3}$")
        .containsPattern("(?m)^pcgrad .* [+-]\\d+\\.\\d\\d +\\d+\\.\\d{3}$");
    assertEveryMethodIsARowOrSkipped(r.out(), List.of("ew", "pcgrad", "modo"));
    assertThat(r.out()).contains("skipped graddrop").doesNotContain("skipped modo");
    assertThat(Files.readAllLines(out.resolve("weighting.csv"))).first().isEqualTo("model,seed,task,metric,value");
    assertThat(Files.size(out.resolve("delta-m.png"))).isPositive();
  }

  @Test
  void representationGradientsTrainProjectionMethodsAndSkipCoordinateWiseOnes(@TempDir Path dir) {
    CliRunner.Result r = CliRunner.run("study", "weighting", "--out", dir.resolve("study").toString(),
        "--methods", "ew,pcgrad,moco", "--representation-gradients", "--epochs", "2", "--train-rows", "300",
        "--seeds", "1", "--threads", "2");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("(?m)^pcgrad .* [+-]\\d+\\.\\d\\d +\\d+\\.\\d{3}$")
        .contains("skipped moco").contains("reads gradients coordinate by coordinate");
  }

  @Test
  void runsOnAConfigsDataTasksAndModel(@TempDir Path dir) throws Exception {
    Path config = CliFixture.write(dir, CliFixture.csv(300, 3), CliFixture.CONFIG);
    Path out = dir.resolve("study");
    List<String> methods = List.of("ew", "uw", "pcgrad", "modo");
    CliRunner.Result r = CliRunner.run("study", "weighting", "--config", config.toString(), "--data-dir", dir.toString(),
        "--out", out.toString(), "--methods", String.join(",", methods), "--epochs", "2", "--seeds", "2");
    assertThat(r.exitCode()).as(r.err()).isZero();
    String summary = Files.readString(out.resolve("summary.txt"));
    assertThat(r.out()).contains(summary);
    assertThat(summary).contains("mmoe on config.yaml", "mean of 2 seeds")
        .containsPattern("(?m)^model +first/auc +first/logloss +second/auc +avg auc +Δm% +ms/step$")
        .containsPattern("(?m)^ew( +\\d\\.\\d{4}){4} +base +\\d+\\.\\d{3}$")
        .containsPattern("(?m)^pcgrad( +\\d\\.\\d{4}){4} +[+-]\\d+\\.\\d\\d +\\d+\\.\\d{3}$");
    assertEveryMethodIsARowOrSkipped(summary, methods);
    List<String> csv = Files.readAllLines(out.resolve("weighting.csv"));
    assertThat(csv).first().isEqualTo("model,seed,task,metric,value");
    assertThat(csv).anyMatch(l -> l.matches("ew,2,second,auc,0\\.\\d+"))
        .anyMatch(l -> l.matches("pcgrad,1,first,logloss,\\d\\.\\d+"));
    assertThat(Files.size(out.resolve("delta-m.png"))).isPositive();
  }

  @Test
  void theConfigKeyTurnsOnRepresentationGradients(@TempDir Path dir) throws Exception {
    Path config = CliFixture.write(dir, CliFixture.csv(300, 3), CliFixture.CONFIG.replace("patience: 0}",
        "patience: 0, representationGradients: true}"));
    CliRunner.Result r = CliRunner.run("study", "weighting", "--config", config.toString(), "--data-dir", dir.toString(),
        "--out", dir.resolve("study").toString(), "--methods", "ew,pcgrad,moco", "--seeds", "1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("(?m)^pcgrad ").contains("skipped moco")
        .contains("training.representationGradients: weighting 'MoCo'");
  }

  @Test
  void refusesToRunWithoutTheEWBaseline(@TempDir Path dir) {
    CliRunner.Result r = CliRunner.run("study", "weighting", "--out", dir.resolve("s").toString(), "--methods", "pcgrad",
        "--epochs", "1", "--train-rows", "100", "--seeds", "1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("needs 'ew'");
  }

  @Test
  void badInputFailsBeforeAnyOutput(@TempDir Path dir) throws Exception {
    Path config = CliFixture.write(dir, CliFixture.csv(100, 4), CliFixture.CONFIG);
    Path out = dir.resolve("study");
    assertRejected(out, "nowhere/data.csv: no such file", "--config", config.toString(), "--data-dir", dir.resolve("nowhere").toString());
    Path typo = dir.resolve("typo.yaml");
    Files.writeString(typo, CliFixture.CONFIG.replace("epochs: 3", "epocs: 3"));
    assertRejected(out, "unknown key 'epocs' under 'training'", "--config", typo.toString(), "--data-dir", dir.toString());
    assertRejected(out, "unknown weighting 'pcgard'", "--config", config.toString(), "--data-dir", dir.toString(),
        "--methods", "ew,pcgard");
    assertRejected(out, "--correlation only apply to the synthetic study", "--config", config.toString(),
        "--data-dir", dir.toString(), "--correlation", "0.5");
    Path noTest = dir.resolve("no-test.yaml");
    Files.writeString(noTest, CliFixture.CONFIG.replace("test: 0.2", "test: 0"));
    assertRejected(out, "needs test rows", "--config", noTest.toString(), "--data-dir", dir.toString());
  }

  @Test
  void censusIncomeSmokeRunWithTwoMethods(@TempDir Path dir) throws Exception {
    Path data = DATA.resolve("census-income-kdd");
    Assumptions.assumeTrue(Files.isRegularFile(data.resolve("census-income.test.gz")),
        "census-income-kdd is not in " + data.toAbsolutePath().normalize() + ": skipping the real-data smoke run");
    Path out = dir.resolve("study");
    CliRunner.Result r = CliRunner.run("study", "weighting", "--config", "../examples/census-income-mmoe.yaml",
        "--data-dir", data.toString(), "--out", out.toString(), "--methods", "ew,pcgrad", "--epochs", "1", "--seeds", "1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readString(out.resolve("summary.txt")))
        .containsPattern("(?m)^model +income/auc +income/logloss +marital/auc +marital/logloss +avg auc +avg logloss +Δm% +ms/step$")
        .containsPattern("(?m)^pcgrad +0\\.[89]\\d{3} ");
  }

  private static void assertRejected(Path out, String message, String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(new String[] {"study", "weighting", "--out", out.toString()}, 0, all, 0, 4);
    System.arraycopy(args, 0, all, 4, args.length);
    CliRunner.Result r = CliRunner.run(all);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(message);
    assertThat(out).doesNotExist();
  }

  /** A method is either a row of the table or a "skipped NAME: reason" line, never silently missing. */
  private static void assertEveryMethodIsARowOrSkipped(String summary, List<String> methods) {
    for (String m : methods) {
      assertThat(Pattern.compile("(?m)^(" + m + " .*\\d|skipped " + m + ": .+)$").matcher(summary).find())
          .as("method %s in%n%s", m, summary).isTrue();
    }
  }
}
