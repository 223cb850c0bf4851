package io.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtl4j.classical.ClassicalEngine;
import io.mtl4j.classical.Formulation;
import io.mtl4j.classical.Formulations;
import io.mtl4j.classical.LinearMtlModel;
import io.mtl4j.classical.LocalRowSum;
import io.mtl4j.classical.MultiTaskData;
import io.mtl4j.classical.RowSum;
import io.mtl4j.classical.RowTerm;
import io.mtl4j.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Classical formulations on Spark ({@code local[2,3]}): every FISTA step's loss and gradient summed over two
 * partitions equals the single JVM's up to the rounding of the partition sums, step by step, so the fits take the
 * same iterations to the same solution (cmtl: the same W/M alternations and clusters, its M-step on the driver); a
 * retried task changes no bit; bad rows fail as in one JVM.
 */
class ClassicalSparkTest {
  private static final List<String> LABELS = List.of("y0", "y1", "y2");
  private static final int FEATURES = 5;

  @RegisterExtension
  static final LocalSpark SPARK = new LocalSpark();

  static Stream<Arguments> formulations() {
    return Stream.of(
        Arguments.of("lasso", Map.of("lambda", 3.0)),
        Arguments.of("l21", Map.of("lambda", 6.0)),
        Arguments.of("trace", Map.of("lambda", 8.0)),
        Arguments.of("dirty", Map.of("rho1", 12.0, "rho2", 4.0)),
        Arguments.of("l21", Map.of("lambda", 0.5, "loss", "logistic")),
        Arguments.of("lasso", Map.of("lambda", 0.3, "loss", "logistic")),
        Arguments.of("cmtl", Map.of("rho1", 4.0, "rho2", 1.0, "clusters", 2)),
        Arguments.of("cmtl", Map.of("rho1", 0.5, "rho2", 0.2, "clusters", 2, "loss", "logistic")));
  }

  static Stream<Arguments> histories() {
    return Stream.of(
        Arguments.of("l21", Map.of("lambda", 6.0)),
        Arguments.of("trace", Map.of("lambda", 8.0)),
        Arguments.of("l21", Map.of("lambda", 0.5, "loss", "logistic")),
        Arguments.of("cmtl", Map.of("rho1", 4.0, "rho2", 1.0, "clusters", 2)));
  }

  static Stream<Arguments> retried() {
    return Stream.of(
        Arguments.of("l21", Map.of("lambda", 0.5, "loss", "logistic")),
        Arguments.of("cmtl", Map.of("rho1", 4.0, "rho2", 1.0, "clusters", 2)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("formulations")
  void fitsAsOneJvmDoesWithTheSameIterationsAndSolution(String name, Map<String, Object> options) {
    Formulation f = formulation(name, options);
    Dataset<Row> frame = frame(logistic(options), 7);
    LinearMtlModel spark = (LinearMtlModel) ClassicalSpark.fit(f, frame, "features", LABELS);
    LinearMtlModel jvm = (LinearMtlModel) ClassicalSpark.fitInOneJvm(f, frame, "features", LABELS);
    assertThat(spark.report().converged()).isTrue();
    assertThat(spark.report().iterations()).isEqualTo(jvm.report().iterations());
    assertThat(spark.report().objective()).isCloseTo(jvm.report().objective(),
        within(1e-9 * Math.abs(jvm.report().objective())));
    assertClose(spark.weightMatrix().values(), jvm.weightMatrix().values(), 1e-7);
    assertThat(spark.parts().keySet()).isEqualTo(jvm.parts().keySet());
    if (jvm.parts().containsKey("clusters")) {
      assertThat(spark.parts().get("clusters").values()).as("cmtl's clusters, read from M on the driver")
          .containsExactly(jvm.parts().get("clusters").values());
      assertClose(spark.parts().get("M").values(), jvm.parts().get("M").values(), 1e-7);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("histories")
  void everyStepsLossAndGradientEqualsTheOneJvmSumOverTheSameRows(String name, Map<String, Object> options) {
    Formulation f = formulation(name, options);
    Dataset<Row> frame = frame(logistic(options), 8);
    RowReader reader = new RowReader("features", List.of(), LABELS);
    List<double[]> sparkSums = new ArrayList<>();
    List<double[]> jvmSums = new ArrayList<>();
    try (SparkRowSum rows = SparkRowSum.read(frame.javaRDD(), reader, FEATURES, SparkRowSum.NO_HOOK)) {
      f.fit(new Recorded(rows, sparkSums));
      f.fit(new Recorded(new LocalRowSum(rows.collect()), jvmSums));
    }
    assertThat(sparkSums).hasSameSizeAs(jvmSums);
    for (int call = 0; call < jvmSums.size(); call++) assertClose(sparkSums.get(call), jvmSums.get(call), 1e-10);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("retried")
  void aTaskFailingOnceIsRetriedAndGivesTheSameModel(String name, Map<String, Object> options, @TempDir Path dir) {
    Formulation f = formulation(name, options);
    Dataset<Row> frame = frame(logistic(options), 9);
    LinearMtlModel undisturbedModel = (LinearMtlModel) ClassicalSpark.fit(f, frame, "features", LABELS);
    double[] undisturbed = undisturbedModel.weightMatrix().values();
    String marker = dir.resolve("failed-once").toString();
    SparkRowSum.TaskHook failOnce = (partition, call) -> {
      if (partition == 1 && call == 7 && TaskContext.get().attemptNumber() == 0) {
        try {
          Files.createFile(Path.of(marker));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalStateException("injected failure of partition 1 in sum 7");
      }
    };
    LinearMtlModel retried = (LinearMtlModel) ClassicalSpark.fit(f, frame, "features", LABELS, failOnce);
    assertThat(Path.of(marker)).as("the injected failure happened").exists();
    assertThat(retried.weightMatrix().values()).containsExactly(undisturbed);
    assertThat(retried.parts().keySet()).isEqualTo(undisturbedModel.parts().keySet());
    for (String part : undisturbedModel.parts().keySet()) {
      assertThat(retried.parts().get(part).values()).as(part)
          .containsExactly(undisturbedModel.parts().get(part).values());
    }
  }

  @Test
  void aMissingLabelColumnFailsWithTheSingleJvmMessage() {
    Formulation f = formulation("l21", Map.of());
    Dataset<Row> frame = frame(false, 10).drop("y1");
    String jvm = catchIllegalArgumentException(() -> ClassicalSpark.fitInOneJvm(f, frame, "features", LABELS))
        .getMessage();
    assertThat(jvm).isEqualTo("training data has no labels for task 'y1'; it has [y0, y2]");
    assertThatThrownBy(() -> ClassicalSpark.fit(f, frame, "features", LABELS))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(jvm);
  }

  @Test
  void aNanLabelFailsOnTheExecutorWithTheSingleJvmMessage() {
    Formulation f = formulation("l21", Map.of());
    List<Row> rows = rows(false, 11);
    Row bad = rows.get(57);
    rows.set(57, RowFactory.create(bad.get(0), bad.get(1), Double.NaN, bad.get(3)));
    Dataset<Row> frame = SPARK.session().createDataFrame(rows, schema());
    String jvm = catchIllegalArgumentException(() -> ClassicalSpark.fitInOneJvm(f, frame, "features", LABELS))
        .getMessage();
    assertThat(jvm).startsWith("labelCols: column 'y1' is NaN in row 57;");
    assertThatThrownBy(() -> ClassicalSpark.fit(f, frame, "features", LABELS))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(jvm);
  }

  @Test
  void aFormulationNotSolvedByFullGradientStepsIsRefusedByName() {
    JavaSparkContext spark = JavaSparkContext.fromSparkContext(SPARK.session().sparkContext());
    Formulation f = Formulations.create("mt-svm", Map.of());
    assertThatThrownBy(() -> new ClassicalSpark().fit(f, MultiTaskData.of(List.<double[][]>of(new double[][] {{1, 2},
        {3, 4}}), List.of(new double[] {1, -1})), "local[2]"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("formulation 'mt-svm' is not solved by "
            + "full-gradient (FISTA) steps");
    assertThat(spark.sc().isStopped()).as("a session the caller owns stays up").isFalse();
  }

  @Test
  void isFoundByItsNameAsTheClassicalEngine() {
    assertThat(ClassicalEngine.named("SPARK")).isInstanceOf(ClassicalSpark.class);
  }

  @Test
  void theEngineFitsTheDriversRowsAsOneJvmDoes() {
    Formulation f = formulation("trace", Map.of("lambda", 8.0));
    MultiTaskData data = ClassicalSpark.collect(frame(false, 12), "features", LABELS);
    LinearMtlModel spark = (LinearMtlModel) ClassicalEngine.named("spark").fit(f, data, "local[2]");
    LinearMtlModel jvm = (LinearMtlModel) f.fit(data);
    assertThat(spark.report().iterations()).isEqualTo(jvm.report().iterations());
    assertClose(spark.weightMatrix().values(), jvm.weightMatrix().values(), 1e-7);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"l21, options: {lambda: 2}", "cmtl, options: {rho1: 2, rho2: 1, clusters: 1}"})
  void trainWithTheSparkEngineFitsAClassicalConfigAsTheJvmEngineDoes(String formulation, @TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("data.csv"), csv(160, 13));
    Path config = Files.writeString(dir.resolve("c.yaml"), String.join("\n",
        "data:",
        "  train: data.csv",
        "  split: {method: random, valid: 0.2, test: 0.2}",
        "tasks:",
        "  - {name: first, type: regression, column: y1}",
        "  - {name: second, type: regression, column: y2}",
        "classical: {formulation: " + formulation + "}",
        "training: {seed: 3}", ""));
    Map<String, Object> jvm = train(config, dir.resolve("jvm"));
    Map<String, Object> spark = train(config, dir.resolve("spark"), "--engine", "spark", "--master", "local[2]");
    assertThat(spark).containsEntry("engine", "spark");
    assertThat(jvm).doesNotContainKey("engine");
    Map<?, ?> jvmSolver = (Map<?, ?>) jvm.get("solver");
    Map<?, ?> sparkSolver = (Map<?, ?>) spark.get("solver");
    assertThat(sparkSolver.get("iterations")).isEqualTo(jvmSolver.get("iterations"));
    assertThat(((Number) sparkSolver.get("objective")).doubleValue())
        .isCloseTo(((Number) jvmSolver.get("objective")).doubleValue(), within(1e-8));
    assertThat(averageRmse(spark)).isCloseTo(averageRmse(jvm), within(1e-9));
  }

  private static double averageRmse(Map<String, Object> metrics) {
    return ((Number) ((Map<?, ?>) ((Map<?, ?>) metrics.get("test")).get("average")).get("rmse")).doubleValue();
  }

  @Test
  void trainWithTheSparkEngineRefusesAGridOfOptionsNamingTheKey(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("data.csv"), csv(60, 14));
    Path config = Files.writeString(dir.resolve("c.yaml"), String.join("\n",
        "data: {train: data.csv, split: {method: random, valid: 0.2, test: 0.2}}",
        "tasks: [{name: first, type: regression, column: y1}]",
        "classical: {formulation: lasso, options: {lambda: [1, 2]}}", ""));
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(err, true), "train", "--config", config.toString(), "--data-dir",
        dir.toString(), "--out", dir.resolve("out").toString(), "--quiet", "--engine", "spark", "--master", "local[2]");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("classical.options: a list value is a grid, tuned by refitting in one JVM");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  /** metrics.json of {@code mtl4j train} on {@code config} with {@code flags}. */
  private static Map<String, Object> train(Path config, Path out, String... flags) throws IOException {
    List<String> args = new ArrayList<>(List.of("train", "--config", config.toString(), "--data-dir",
        config.getParent().toString(), "--out", out.toString(), "--quiet"));
    args.addAll(List.of(flags));
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(err, true), args.toArray(String[]::new));
    assertThat(code).as("mtl4j train exit code; stderr: %s", err).isZero();
    @SuppressWarnings("unchecked")
    Map<String, Object> metrics = new ObjectMapper().readValue(out.resolve("metrics.json").toFile(), Map.class);
    return metrics;
  }

  /** x1..x3 standard normal, y1 = x1 + x2 + noise, y2 = x1 − x3 + noise. */
  private static String csv(int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("x1,x2,x3,y1,y2\n");
    for (int i = 0; i < rows; i++) {
      double x1 = r.nextGaussian(), x2 = r.nextGaussian(), x3 = r.nextGaussian();
      sb.append(String.format(Locale.ROOT, "%.5f,%.5f,%.5f,%.5f,%.5f%n", x1, x2, x3,
          x1 + x2 + 0.2 * r.nextGaussian(), x1 - x3 + 0.2 * r.nextGaussian()));
    }
    return sb.toString();
  }

  /** A {@link RowSum} that keeps a copy of every sum it returns. */
  private record Recorded(RowSum rows, List<double[]> sums) implements RowSum {
    @Override
    public int features() {
      return rows.features();
    }

    @Override
    public int tasks() {
      return rows.tasks();
    }

    @Override
    public int rows(int task) {
      return rows.rows(task);
    }

    @Override
    public double[] sum(RowTerm term) {
      double[] sum = rows.sum(term);
      sums.add(sum.clone());
      return sum;
    }
  }

  private static Formulation formulation(String name, Map<String, Object> options) {
    Map<String, Object> opts = new LinkedHashMap<>(options);
    opts.put("tol", 1e-8);
    return Formulations.create(name, opts);
  }

  private static boolean logistic(Map<String, Object> options) {
    return "logistic".equals(options.get("loss"));
  }

  private static StructType schema() {
    StructType s = new StructType().add("features", SQLDataTypes.VectorType(), false);
    for (String label : LABELS) s = s.add(label, DataTypes.DoubleType, true);
    return s;
  }

  private static Dataset<Row> frame(boolean logistic, long seed) {
    return SPARK.session().createDataFrame(rows(logistic, seed), schema());
  }

  /**
   * 300 rows of 5 features, task t's target x·w_t + noise (its sign when logistic) with related w_t; each row is
   * labelled for a seeded subset of the tasks (null elsewhere), so tasks have different rows.
   */
  private static List<Row> rows(boolean logistic, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] w = new double[LABELS.size()][FEATURES];
    double[] shared = new double[FEATURES];
    for (int j = 0; j < FEATURES; j++) shared[j] = rng.nextGaussian();
    for (double[] wt : w) {
      for (int j = 0; j < FEATURES; j++) wt[j] = shared[j] + 0.5 * rng.nextGaussian();
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      double[] x = new double[FEATURES];
      for (int j = 0; j < FEATURES; j++) x[j] = rng.nextGaussian();
      Object[] cells = new Object[1 + LABELS.size()];
      cells[0] = Vectors.dense(x);
      for (int t = 0; t < LABELS.size(); t++) {
        if (rng.nextInt(3) == 0) continue;
        double y = 0.3 * rng.nextGaussian();
        for (int j = 0; j < FEATURES; j++) y += x[j] * w[t][j];
        cells[1 + t] = logistic ? (y >= 0 ? 1.0 : -1.0) : y;
      }
      rows.add(RowFactory.create(cells));
    }
    return rows;
  }

  private static void assertClose(double[] actual, double[] expected, double relative) {
    double norm = 0;
    for (double v : expected) norm += v * v;
    double scale = 1 + Math.sqrt(norm);
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("entry %d", i).isCloseTo(expected[i], within(relative * scale));
    }
  }
}
