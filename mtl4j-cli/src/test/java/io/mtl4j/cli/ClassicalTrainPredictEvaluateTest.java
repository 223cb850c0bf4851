package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.io.ClassicalModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code train}, {@code evaluate} and {@code predict} on configs with a {@code classical} section and the ordinary
 * data/split/tasks sections: the formulation is what trains, its model file is a classical one, evaluate reproduces
 * the run's test metrics and predict answers in the targets' units (or with labels and probabilities).
 */
class ClassicalTrainPredictEvaluateTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  @TempDir Path dir;

  /** Two regression targets far from 0 (so predictions left standardised would be far off), 8 patient groups. */
  static String regressionCsv(int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("patient,x1,x2,y1,y2\n");
    for (int i = 0; i < rows; i++) {
      double x1 = r.nextGaussian(), x2 = r.nextGaussian();
      sb.append(String.format(Locale.ROOT, "p%d,%.5f,%.5f,%.5f,%.5f%n", i % 8, x1, x2,
          200 + 30 * x1 + 0.5 * r.nextGaussian(), -50 + 20 * x1 - 10 * x2 + 0.5 * r.nextGaussian()));
    }
    return sb.toString();
  }

  /** The data, grouped split and tasks of {@link #regressionCsv}: whole patients stay in one part. */
  static final String REGRESSION_DATA = """
      data:
        train: data.csv
        split: {method: group, column: patient, valid: 0.25, test: 0.25}
      features: {drop: [patient]}
      tasks:
        - {name: first, type: regression, column: y1}
        - {name: second, type: regression, column: y2}
      """;

  static String regressionConfig(String formulation, String options) {
    return REGRESSION_DATA + """
        classical: {formulation: %s, options: %s}
        training: {seed: 3}
        """.formatted(formulation, options);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ridge", "l21", "trace", "dirty", "gomtl", "mean-regularized"})
  void regressionFormulationTrainsEvaluatesAndPredictsInTheTargetsUnits(String formulation) throws IOException {
    Path config = CliFixture.write(dir, regressionCsv(240, 1), regressionConfig(formulation, "{lambda: 0.01}"
        .replace("lambda", formulation.equals("dirty") ? "rho1" : formulation.equals("mean-regularized") ? "lambda1"
            : "lambda")));
    Map<String, Object> metrics = train(config, formulation);
    assertThat(testMetric(metrics, "first", "rmse")).isLessThan(2.0); // noise std 0.5 on a scale of 30

    assertThat(evaluateTest(config)).isEqualTo(metrics.get("test"));

    Files.writeString(dir.resolve("new.csv"), "patient,x1,x2\nq,1.0,0.0\nq,0.0,-1.0\n");
    List<String> lines = predict("new.csv");
    assertThat(lines.get(0)).isEqualTo("row,first_prediction,second_prediction");
    assertThat(cell(lines, 1, 1)).isCloseTo(230, org.assertj.core.data.Offset.offset(2.0));
    assertThat(cell(lines, 1, 2)).isCloseTo(-30, org.assertj.core.data.Offset.offset(2.0));
    assertThat(cell(lines, 2, 2)).isCloseTo(-40, org.assertj.core.data.Offset.offset(2.0));
  }

  static String binaryConfig(String formulation, String options) {
    return """
        data:
          train: data.csv
          split: {method: random, valid: 0.2, test: 0.2}
        tasks:
          - {name: first, type: binary, column: y1, positive: ["yes"], metrics: [auc, accuracy]}
          - {name: second, type: binary, column: y2, metrics: [auc, accuracy]}
        classical: {formulation: %s, options: %s}
        training: {seed: 2}
        """.formatted(formulation, options);
  }

  @ParameterizedTest
  @ValueSource(strings = {"l21", "lasso", "mt-svm"})
  void binaryFormulationGivesLabelsAndProbabilities(String formulation) throws IOException {
    String options = formulation.equals("mt-svm") ? "{mu: 1, c: 1}" : "{lambda: 0.01, loss: logistic}";
    Path config = CliFixture.write(dir, CliFixture.csv(400, 6), binaryConfig(formulation, options));
    Map<String, Object> metrics = train(config, formulation);
    assertThat(testMetric(metrics, "first", "auc")).isGreaterThan(0.9);
    assertThat(testMetric(metrics, "second", "accuracy")).isGreaterThan(0.9);

    assertThat(evaluateTest(config)).isEqualTo(metrics.get("test"));

    Files.writeString(dir.resolve("new.csv"), "x1,x2,colour\n2.0,2.0,red\n-2.0,-2.0,blue\n");
    List<String> lines = predict("new.csv");
    assertThat(lines.get(0)).isEqualTo("row,first_prediction,first_probability,second_prediction,second_probability");
    assertThat(lines.get(1)).startsWith("1,1,");
    assertThat(lines.get(2)).startsWith("2,0,");
    assertThat(cell(lines, 1, 2)).isBetween(0.5, 1.0);
    assertThat(cell(lines, 2, 2)).isBetween(0.0, 0.5);
    assertThat(cell(lines, 1, 4)).isGreaterThan(cell(lines, 2, 4)); // red is the second task's positive class
  }

  /** The School layout: one long table, each row one task's (data.taskColumn), each task its own rows and intercept. */
  @ParameterizedTest
  @ValueSource(strings = {"mean-regularized", "trace"})
  void multiInputConfigFitsEachTaskOnItsOwnRows(String formulation) throws IOException {
    SplittableRandom r = new SplittableRandom(4);
    StringBuilder csv = new StringBuilder("school,x1,x2,score\n");
    String[] schools = {"a", "b", "c"};
    double[] offsets = {10, 40, 70};
    for (int i = 0; i < 300; i++) {
      int s = i % 3;
      double x1 = r.nextGaussian(), x2 = r.nextGaussian();
      csv.append(String.format(Locale.ROOT, "%s,%.5f,%.5f,%.5f%n", schools[s], x1, x2,
          offsets[s] + (8 + s) * x1 + 2 * x2 + 0.3 * r.nextGaussian()));
    }
    String config = """
        data:
          train: data.csv
          taskColumn: school
          split: {method: random, valid: 0.2, test: 0.2}
        tasks:
          - {name: a, type: regression, column: score}
          - {name: b, type: regression, column: score}
          - {name: c, type: regression, column: score}
        classical: {formulation: %s, options: {%s: 0.01}}
        training: {seed: 5}
        """.formatted(formulation, formulation.equals("trace") ? "lambda" : "lambda1");
    Path file = CliFixture.write(dir, csv.toString(), config);
    Map<String, Object> metrics = train(file, formulation);
    for (String task : schools) assertThat(testMetric(metrics, task, "rmse")).as(task).isLessThan(1.5);
    assertThat(evaluateTest(file)).isEqualTo(metrics.get("test"));

    Files.writeString(dir.resolve("new.csv"), "school,x1,x2\na,0,0\n");
    List<String> lines = predict("new.csv");
    assertThat(lines.get(0)).isEqualTo("row,a_prediction,b_prediction,c_prediction");
    assertThat(cell(lines, 1, 1)).isCloseTo(10, org.assertj.core.data.Offset.offset(1.0));
    assertThat(cell(lines, 1, 3)).isCloseTo(70, org.assertj.core.data.Offset.offset(1.0));
  }

  @org.junit.jupiter.api.Test
  void predictRefusesAFixedSplitModelFileThatHasNoPreprocessing() throws IOException {
    Path model = dir.resolve("bare.mtl4j");
    ClassicalModelFile.save(model, io.mtl4j.classical.Formulations.create("ridge", Map.of()).fit(
        io.mtl4j.classical.MultiTaskData.sharedX(new double[][] {{1, 0}, {0, 1}, {1, 1}}, new double[][] {{1}, {2}, {3}})),
        Map.of());
    Files.writeString(dir.resolve("new.csv"), "x1,x2\n1,0\n");
    Path out = dir.resolve("pred.csv");
    CliFixture.Result r = CliFixture.run("predict", "--model", model.toString(), "--input",
        dir.resolve("new.csv").toString(), "--output", out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("bare.mtl4j", "formulation 'ridge'", "without preprocessing", "mtl4j train");
    assertThat(out).doesNotExist();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> train(Path config, String formulation) throws IOException {
    Path out = dir.resolve("out");
    CliFixture.Result r = CliFixture.run("train", "--config", config.toString(), "--data-dir", dir.toString(),
        "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(ClassicalModelFile.load(out.resolve("model.mtl4j")).model().formulation()).isEqualTo(formulation);
    assertThat(Files.readString(out.resolve("report.html"))).contains("classical " + formulation);
    Map<String, Object> metrics = JSON.readValue(out.resolve("metrics.json").toFile(), Map.class);
    assertThat(metrics).containsEntry("model", formulation).containsEntry("kind", "classical");
    return metrics;
  }

  private Object evaluateTest(Path config) {
    Path out = dir.resolve("eval.json");
    CliFixture.Result r = CliFixture.run("evaluate", "--model", dir.resolve("out/model.mtl4j").toString(), "--config",
        config.toString(), "--data-dir", dir.toString(), "--out", out.toString(), "--force");
    assertThat(r.code()).as(r.err()).isZero();
    return JSON.readValue(out.toFile(), Map.class).get("test");
  }

  private List<String> predict(String input) throws IOException {
    Path out = dir.resolve("pred.csv");
    CliFixture.Result r = CliFixture.run("predict", "--model", dir.resolve("out/model.mtl4j").toString(), "--input",
        dir.resolve(input).toString(), "--output", out.toString(), "--force");
    assertThat(r.code()).as(r.err()).isZero();
    return Files.readAllLines(out);
  }

  @SuppressWarnings("unchecked")
  static double testMetric(Map<String, Object> metrics, String task, String metric) {
    return ((Number) ((Map<String, Object>) ((Map<String, Object>) metrics.get("test")).get(task)).get(metric))
        .doubleValue();
  }

  private static double cell(List<String> lines, int row, int column) {
    return Double.parseDouble(lines.get(row).split(",")[column]);
  }
}
