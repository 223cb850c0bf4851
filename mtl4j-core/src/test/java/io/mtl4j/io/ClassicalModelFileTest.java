package io.mtl4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.classical.Formulations;
import io.mtl4j.classical.LinearMtlModel;
import io.mtl4j.classical.MultiTaskData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassicalModelFileTest {
  @TempDir Path dir;

  /** T tasks of n rows, D features, y_t = x·w_t + noise (w_t shares a common part); labels ±1 when logistic. */
  static MultiTaskData data(long seed, int tasks, int d, int n, boolean binary) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] common = rnd.doubles(d, -1, 1).toArray();
    List<double[][]> xs = new ArrayList<>();
    List<double[]> ys = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      double[] w = Arrays.stream(common).map(c -> c + 0.3 * rnd.nextGaussian()).toArray();
      double[][] x = new double[n][d];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) x[i][j] = rnd.nextGaussian();
        double s = 0.1 * rnd.nextGaussian();
        for (int j = 0; j < d; j++) s += x[i][j] * w[j];
        y[i] = binary ? (s > 0 ? 1 : -1) : s;
      }
      xs.add(x);
      ys.add(y);
    }
    return MultiTaskData.of(xs, ys);
  }

  static LinearMtlModel dirty() {
    return (LinearMtlModel) Formulations.create("dirty", Map.of("rho1", 5, "rho2", 2)).fit(data(3, 3, 4, 25, false));
  }

  @Test
  void roundTripGivesIdenticalWeightsPartsAndPredictions() {
    for (LinearMtlModel m : List.of(dirty(), (LinearMtlModel) Formulations.create("l21",
        Map.of("lambda", 0.5, "loss", "logistic")).fit(data(4, 3, 5, 30, true)))) {
      Path file = dir.resolve(m.formulation() + ".mtl4j");
      ClassicalModelFile.save(file, m, Map.of("rho1", 5, "grid", List.of(1, 2)));
      ClassicalModelFile.Saved saved = ClassicalModelFile.load(file);
      LinearMtlModel r = saved.linear();
      assertThat(r.formulation()).isEqualTo(m.formulation());
      assertThat(r.loss()).isEqualTo(m.loss());
      assertThat(r.weightMatrix()).isEqualTo(m.weightMatrix());
      assertThat(r.intercepts()).containsExactly(m.intercepts());
      assertThat(r.parts()).isEqualTo(m.parts());
      assertThat(r.report()).isEqualTo(m.report());
      SplittableRandom rnd = new SplittableRandom(9);
      for (int t = 0; t < m.tasks(); t++) {
        double[] x = rnd.doubles(m.features(), -3, 3).toArray();
        assertThat(r.predict(t, x)).isEqualTo(m.predict(t, x));
      }
      assertThat(saved.options()).containsEntry("rho1", 5).containsEntry("grid", List.of(1, 2));
    }
  }

  /** Every registered formulation (MT-SVM under each kernel) saves and loads to bit-identical predictions. */
  @ParameterizedTest
  @ValueSource(strings = {"lasso", "ridge", "pooled", "l21", "trace", "dirty", "rmtfl", "robust", "mean-regularized",
      "srmtl", "cmtl", "mtrl", "gomtl", "mt-svm", "mt-svm:rbf", "mt-svm:poly"})
  void everyFormulationRoundTripsToIdenticalPredictions(String spec) {
    String name = spec.split(":")[0];
    boolean svm = name.equals("mt-svm");
    Map<String, Object> options = svm ? Map.of("mu", 0.5, "kernel", spec.contains(":") ? spec.split(":")[1] : "linear")
        : name.equals("cmtl") ? Map.of("clusters", 2) : Map.of();
    io.mtl4j.classical.ClassicalModel m = Formulations.create(name, options).fit(data(7, 3, 4, 20, svm));
    Path file = dir.resolve(name + ".mtl4j");
    ModelMetadata metadata = new ModelMetadata(Map.of("encoders", List.of()), Map.of("tasks", List.of("a", "b", "c")),
        Provenance.of(null, 7, 1));
    ClassicalModelFile.save(file, m, options, metadata, null);
    ClassicalModelFile.Saved saved = ClassicalModelFile.load(file);
    assertThat(saved.model().formulation()).isEqualTo(name);
    assertThat(saved.model().classifier()).isEqualTo(m.classifier());
    assertThat(saved.metadata().training()).isEqualTo(metadata.training());
    assertThat(saved.metadata().provenance().seed()).isEqualTo(7);
    SplittableRandom rnd = new SplittableRandom(11);
    for (int t = 0; t < m.tasks(); t++) {
      double[] x = rnd.doubles(4, -3, 3).toArray();
      assertThat(saved.model().predict(t, x)).isEqualTo(m.predict(t, x));
    }
  }

  @Test
  void refusesAnSvmFileWhoseSupportVectorNamesNoTask() throws IOException {
    Path file = dir.resolve("svm.mtl4j");
    ClassicalModelFile.save(file, Formulations.create("mt-svm", Map.of()).fit(data(5, 2, 3, 15, true)), Map.of());
    Archives.edit(file, ModelFile.DOCUMENT, c -> {
      Map<String, Object> m = new java.util.LinkedHashMap<>(ModelFile.map(c.document().get("model")));
      m.put("tasks", 1);
      c.document().put("model", m);
    });
    assertThatThrownBy(() -> ClassicalModelFile.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("sv-task").hasMessageContaining("expected a task number 0..0");
  }

  @Test
  void refusesAnSvmFileWhoseTasksTimesFeaturesExceedTheValueLimit() {
    Path file = dir.resolve("svm.mtl4j");
    ClassicalModelFile.save(file, Formulations.create("mt-svm", Map.of()).fit(data(5, 2, 3, 15, true)), Map.of());
    Archives.edit(file, ModelFile.DOCUMENT, c -> {
      Map<String, Object> m = new java.util.LinkedHashMap<>(ModelFile.map(c.document().get("model")));
      m.put("tasks", 400); // 400 tasks × 3 features: 1,200 weights the loader would allocate
      c.document().put("model", m);
    });
    ArchiveLimits limits = new ArchiveLimits(10_000, 1L << 30, 64L << 20, 1_000);
    assertThatThrownBy(() -> ClassicalModelFile.load(file, null, limits)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("400 tasks × 3 features").hasMessageContaining("at most 1000 values");
    assertThat(ClassicalModelFile.load(file).model().tasks()).isEqualTo(400);
  }

  @Test
  void refusesATruncatedFile() throws IOException {
    Path file = dir.resolve("m.mtl4j");
    ClassicalModelFile.save(file, dirty(), Map.of());
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));
    assertThatThrownBy(() -> ClassicalModelFile.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("truncated");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.1, 0.5, 0.9, 0.999})
  void refusesAFileWithOneFlippedByte(double where) throws IOException {
    Path file = dir.resolve("m.mtl4j");
    ClassicalModelFile.save(file, dirty(), Map.of());
    byte[] bytes = Files.readAllBytes(file);
    bytes[(int) (where * (bytes.length - 1))] ^= 0x10;
    Files.write(file, bytes);
    assertThatThrownBy(() -> ClassicalModelFile.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageStartingWith(file.toString());
  }

  @Test
  void aDeepLoaderRefusesAClassicalFileAndViceVersa() {
    Path classical = dir.resolve("c.mtl4j");
    ClassicalModelFile.save(classical, dirty(), Map.of());
    assertThatThrownBy(() -> ModelFile.load(classical)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("holds a classical linear model (formulation 'dirty')")
        .hasMessageContaining("ClassicalModelFile.load").hasMessageContaining("not a deep model");
    Path deep = dir.resolve("d.mtl4j");
    ModelFile.save(deep, ModelFileTest.model(1), ModelFileTest.metadata("2026-01-01T00:00:00Z"));
    assertThatThrownBy(() -> ClassicalModelFile.load(deep)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("holds a deep model").hasMessageContaining("ModelFile.load")
        .hasMessageContaining("not a classical model");
  }

  @Test
  void refusesToSaveANonFiniteModel() {
    LinearMtlModel m = dirty();
    Map<String, Object> map = new java.util.LinkedHashMap<>(m.toMap());
    List<List<Double>> w = new ArrayList<>();
    for (double[] row : m.weightMatrix().toRows()) w.add(Arrays.stream(row).boxed().toList());
    List<Double> first = new ArrayList<>(w.get(0));
    first.set(1, Double.NaN);
    w.set(0, first);
    map.put("weights", w);
    LinearMtlModel bad = LinearMtlModel.fromMap(map);
    Path file = dir.resolve("nan.mtl4j");
    assertThatThrownBy(() -> ClassicalModelFile.save(file, bad, Map.of())).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("'weights' holds NaN");
    assertThat(file).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void refusesToLoadNonFiniteWeightsAsItRefusesToSaveThem(double bad) {
    Path file = dir.resolve("m.mtl4j");
    ClassicalModelFile.save(file, dirty(), Map.of());
    Archives.edit(file, ModelFile.DOCUMENT, c -> c.doubles().get("weights")[2] = bad);
    assertThatThrownBy(() -> ClassicalModelFile.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("refusing to load a model whose 'weights' holds " + bad + " at index 2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.9", "4294967297", "1.0"})
  void refusesAFormatVersionThatIsNotAnExactSupportedInteger(String version) {
    Path file = dir.resolve("m.mtl4j");
    ClassicalModelFile.save(file, dirty(), Map.of());
    Archives.edit(file, ModelFile.DOCUMENT,
        c -> c.document().put("formatVersion", TensorArchive.JSON.readValue(version, Object.class)));
    assertThatThrownBy(() -> ClassicalModelFile.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageMatching(".*(formatVersion|format version).*");
  }

  @Test
  void refusesSizesWhoseProductOverflowsAnInt() {
    // 65536 × 65536 wraps to 0 in int arithmetic: an empty tensor would then "match" a 2^32-value model.
    Path file = dir.resolve("m.mtl4j");
    ClassicalModelFile.save(file, dirty(), Map.of());
    Archives.edit(file, ModelFile.DOCUMENT, c -> {
      Map<String, Object> m = new java.util.LinkedHashMap<>(ModelFile.map(c.document().get("model")));
      m.put("features", 65536);
      m.put("tasks", 65536);
      c.document().put("model", m);
      c.doubles().put("weights", new double[0]);
    });
    assertThatThrownBy(() -> ClassicalModelFile.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("tensor 'weights' has 0 values, expected 65536×65536");
  }
}
