package io.mtl4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.classical.ComparisonRow;
import io.mtl4j.classical.LinearMtlModel;
import io.mtl4j.classical.ComparedModel;
import io.mtl4j.classical.MultiTaskData;
import io.mtl4j.classical.TrainTestSplit;
import io.mtl4j.classical.Tuner;
import io.mtl4j.io.ClassicalModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ClassicalOutputsTest {
  @TempDir Path dir;

  /** 3 related regression tasks, 4 features, n rows each; y = x·w_t + noise. */
  static MultiTaskData data(SplittableRandom rnd, double[][] w, int n) {
    List<double[][]> xs = new ArrayList<>();
    List<double[]> ys = new ArrayList<>();
    for (double[] wt : w) {
      double[][] x = new double[n][wt.length];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < wt.length; j++) {
          x[i][j] = rnd.nextGaussian();
          y[i] += x[i][j] * wt[j];
        }
        y[i] += 0.2 * rnd.nextGaussian();
      }
      xs.add(x);
      ys.add(y);
    }
    return MultiTaskData.of(xs, ys);
  }

  static List<TrainTestSplit> splits() {
    SplittableRandom rnd = new SplittableRandom(5);
    double[][] w = {{1, -0.5, 0.2, 0}, {1.2, -0.4, 0.1, 0}, {0.8, -0.6, 0.3, 0.1}};
    List<TrainTestSplit> out = new ArrayList<>();
    for (int s = 1; s <= 3; s++) out.add(new TrainTestSplit(s, data(rnd, w, 20), data(rnd, w, 15)));
    return out;
  }

  ClassicalComparison.Result compare() {
    List<ComparedModel> models = List.of(new ComparedModel("pooled", "pooled", Map.of()),
        new ComparedModel("dirty", "dirty", Map.of("rho1", 2, "rho2", List.of(0.5, 5))));
    return ClassicalComparison.runKeepingFirstSplit(models, splits(),
        new ClassicalComparison.Options(1, false, Tuner.Options.defaults()));
  }

  @Test
  void metricsJsonHoldsMeanAndStdOverSplitsOfTheAverageRows() throws Exception {
    ClassicalComparison.Result result = compare();
    ClassicalOutputs.write(Outputs.create(dir), "tiny.yaml", result, 3);
    JsonNode json = Outputs.JSON.readTree(dir.resolve("metrics.json").toFile());
    assertThat(json.get("splits").asInt()).isEqualTo(3);
    for (String model : List.of("pooled", "dirty")) {
      for (String metric : List.of("rmse", "explained-variance")) {
        double[] v = result.rows().stream().filter(r -> r.model().equals(model) && r.task().equals("average")
            && r.metric().equals(metric)).mapToDouble(ComparisonRow::value).toArray();
        assertThat(v).hasSize(3);
        double mean = (v[0] + v[1] + v[2]) / 3;
        double sd = Math.sqrt(((v[0] - mean) * (v[0] - mean) + (v[1] - mean) * (v[1] - mean)
            + (v[2] - mean) * (v[2] - mean)) / 2);
        JsonNode s = json.get("test").get(model).get("average " + metric);
        assertThat(s.get("mean").asDouble()).isCloseTo(mean, within(1e-12));
        assertThat(s.get("std").asDouble()).isCloseTo(sd, within(1e-12));
        assertThat(s.get("values")).hasSize(3);
      }
    }
    assertThat(json.get("test").get("pooled").get("average rmse").get("mean").asDouble()).isBetween(0.1, 0.5);
  }

  @Test
  void modelFilesHoldTheFirstSplitFitsWithTheirTunedOptions() {
    ClassicalComparison.Result result = compare();
    ClassicalOutputs.write(Outputs.create(dir), "tiny.yaml", result, 3);
    for (String name : List.of("pooled", "dirty")) {
      ClassicalModelFile.Saved saved = ClassicalModelFile.load(dir.resolve("models").resolve(name + ".mtl4j"));
      LinearMtlModel fitted = (LinearMtlModel) result.firstSplit().get(name).model();
      double[] x = {0.3, -1.2, 2.0, 0.7};
      for (int t = 0; t < 3; t++) assertThat(saved.model().predict(t, x)).isEqualTo(fitted.predict(t, x));
      assertThat(saved.linear().weightMatrix()).isEqualTo(fitted.weightMatrix());
      assertThat(saved.options()).containsEntry("seed", 1);
    }
    // rho2 was a grid: the file records the value the tuner chose, a number.
    assertThat(ClassicalModelFile.load(dir.resolve("models/dirty.mtl4j")).options().get("rho2"))
        .isIn(0.5, 5);
  }

  @Test
  void reportHasTheMeanStdTableAndEmbeddedBarChartsAndNoExternalReferences() throws Exception {
    ClassicalComparison.Result result = compare();
    ClassicalOutputs.write(Outputs.create(dir), "tiny.yaml", result, 3);
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html).contains("mean ± std over 3 splits").contains("<th>average rmse</th>")
        .contains("<th>average explained-variance</th>").contains("<td>pooled</td>").contains("<td>dirty</td>")
        .doesNotContain("average accuracy").doesNotContain("http://").doesNotContain("https://");
    assertThat(html.split("src=\"data:image/png;base64,", -1)).hasSize(3);
    List<Double> pooled = ClassicalOutputs.table(result.rows()).get("pooled").get("average rmse");
    assertThat(html).contains(io.mtl4j.cli.report.Report.meanStd(pooled));
  }

  @Test
  void anMtSvmFitGetsAModelFileThatPredictsAsTheFit() {
    List<TrainTestSplit> splits = new ArrayList<>();
    for (TrainTestSplit s : splits()) splits.add(new TrainTestSplit(s.seed(), signs(s.train()), signs(s.test())));
    ClassicalComparison.Result result = ClassicalComparison.runKeepingFirstSplit(
        List.of(new ComparedModel("svm", "mt-svm", Map.of("mu", 0.5))), splits,
        new ClassicalComparison.Options(1, false, Tuner.Options.defaults()));
    ClassicalOutputs.write(Outputs.create(dir), "tiny.yaml", result, 3);
    ClassicalModelFile.Saved saved = ClassicalModelFile.load(dir.resolve("models/svm.mtl4j"));
    double[] x = {0.3, -1.2, 2.0, 0.7};
    for (int t = 0; t < 3; t++) {
      assertThat(saved.model().predict(t, x)).isEqualTo(result.firstSplit().get("svm").model().predict(t, x));
    }
  }

  /** The same rows with labels sign(y) in {-1, +1}. */
  private static MultiTaskData signs(MultiTaskData d) {
    List<double[][]> xs = new ArrayList<>();
    List<double[]> ys = new ArrayList<>();
    for (int t = 0; t < d.tasks(); t++) {
      double[][] x = new double[d.rows(t)][];
      double[] y = new double[d.rows(t)];
      for (int i = 0; i < y.length; i++) {
        x[i] = d.row(t, i);
        y[i] = d.y(t)[i] > 0 ? 1 : -1;
      }
      xs.add(x);
      ys.add(y);
    }
    return MultiTaskData.of(xs, ys);
  }
}
