package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the reports of {@code train} and {@code compare} show, read from their plots' titles and captions. */
class CommandReportsTest {
  private static final Pattern PLOT = Pattern.compile("<img alt=\"([^\"]*)\" src=\"data:image/png;base64,");

  @TempDir Path dir;

  private static List<String> plotTitles(Path report) throws IOException {
    Matcher m = PLOT.matcher(Files.readString(report));
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) out.add(m.group(1));
    return out;
  }

  private CliRunner.Result run(String command, String config, String data) throws IOException {
    Path c = CliFixture.write(dir, data, config);
    CliRunner.Result r = CliRunner.run(command, "--config", c.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve("out").toString(), "--quiet");
    assertThat(r.exitCode()).as(r.err()).isZero();
    return r;
  }

  @Test
  void trainReportPlotsEachQuantityOnItsOwnAxesAndTheBinaryTasksTestPredictions() throws IOException {
    run("train", CliFixture.CONFIG, CliFixture.csv(300, 2));
    assertThat(plotTitles(dir.resolve("out/report.html"))).containsExactly(
        "first: training loss", "first: validation auc", "first: validation logloss",
        "second: training loss", "second: validation auc", "valid score",
        "first: ROC", "first: precision-recall", "first: calibration",
        "second: ROC", "second: precision-recall", "second: calibration");
    assertThat(Files.readString(dir.resolve("out/report.html"))).contains("The diamond marks the best epoch");
  }

  @Test
  void trainReportOfARegressionTaskPlotsPredictedAgainstActualAndResiduals() throws IOException {
    SplittableRandom r = new SplittableRandom(3);
    StringBuilder data = new StringBuilder("x1,x2,y\n");
    for (int i = 0; i < 200; i++) {
      double x1 = r.nextGaussian(), x2 = r.nextGaussian();
      data.append(String.format(Locale.ROOT, "%.4f,%.4f,%.3f%n", x1, x2, 50 + 10 * x1 - 5 * x2 + r.nextGaussian()));
    }
    run("train", """
        data: {train: data.csv, split: {method: random, valid: 0.2, test: 0.2}}
        tasks:
          - {name: y, type: regression, column: y, metrics: [rmse, mae, r2]}
        architecture: {name: shared-bottom, options: {hidden: [8]}}
        training: {epochs: 3, batchSize: 32, seed: 1}
        """, data.toString());
    assertThat(plotTitles(dir.resolve("out/report.html"))).contains("y: training loss", "y: validation rmse",
        "y: validation mae", "y: validation r2", "y: predicted vs actual", "y: residuals");
  }

  @Test
  void compareReportChartsEveryMetricPerTaskPerModelAndWritesOnlyNamedModelFiles() throws IOException {
    CliRunner.Result r = run("compare", CliFixture.CONFIG, CliFixture.csv(300, 2));
    assertThat(plotTitles(dir.resolve("out/report.html"))).contains(
        "test auc per task (mean ± std over 2 seeds)", "test logloss per task (mean ± std over 2 seeds)",
        "Δm% vs single-task (mean ± std over 2 seeds)", "first: validation auc", "first: ROC");
    assertThat(dir.resolve("out/model.mtl4j")).as("an unnamed model beside models/").doesNotExist();
    assertThat(dir.resolve("out/models/mmoe.mtl4j")).exists();
    assertThat(r.out()).contains("models/NAME.mtl4j (each model as trained on seed 1)");
  }

  @Test
  void outputReportFalseWritesNoReport() throws IOException {
    CliRunner.Result r = run("train", CliFixture.CONFIG + "output: {report: false}\n", CliFixture.csv(200, 2));
    assertThat(dir.resolve("out/report.html")).doesNotExist();
    assertThat(dir.resolve("out/metrics.json")).exists();
    assertThat(r.out()).doesNotContain("report.html");
  }
}
