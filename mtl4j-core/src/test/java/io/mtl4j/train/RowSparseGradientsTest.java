package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.Head;
import io.mtl4j.arch.MMoE;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.autodiff.EmbeddingBag.Pooling;
import io.mtl4j.autodiff.TouchedRows;
import io.mtl4j.data.Dataset;
import io.mtl4j.encode.CategoricalEncoder;
import io.mtl4j.encode.CategoricalRows;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.encode.IdRows;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.nn.Init;
import io.mtl4j.nn.Parameter;
import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.optim.Adam;
import io.mtl4j.optim.SGD;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A model whose {@link CategoricalEncoder} tables are row-sparse (its spec's {@code sparse} flag) trains to the very
 * floats of the same model with dense tables, through the real trainer (data-parallel reduction, clipping, update),
 * wherever the sparse update is the dense one.
 */
class RowSparseGradientsTest {
  private static final int FIELDS = 3;
  private static final List<Task> TASKS =
      List.of(Task.of("click", TaskType.binary()), Task.of("buy", TaskType.binary()));

  @TempDir Path dir;

  /** {@code rows} rows of FIELDS ids in [0, vocabulary) and two labels that depend on them. */
  static Dataset ids(int rows, int vocabulary, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[][] x = new int[FIELDS][rows];
    for (int i = 0; i < rows; i++) for (int f = 0; f < FIELDS; f++) x[f][i] = r.nextInt(vocabulary);
    return ids(x, vocabulary);
  }

  /** Column f of {@code x} is field f's ids; click = [field0 even], buy = [field1 + field2 > vocabulary]. */
  static Dataset ids(int[][] x, int vocabulary) {
    int rows = x[0].length;
    float[] click = new float[rows], buy = new float[rows];
    for (int i = 0; i < rows; i++) {
      click[i] = x[0][i] % 2 == 0 ? 1f : 0f;
      buy[i] = x[1][i] + x[2][i] > vocabulary ? 1f : 0f;
    }
    List<IdRows> fields = new ArrayList<>();
    for (int[] column : x) fields.add(IdRows.single(column));
    return Dataset.builder(FeatureRows.of(Map.of("ids", new CategoricalRows(fields))))
        .task("click", Tensor.of(click, rows)).task("buy", Tensor.of(buy, rows)).build();
  }

  /** The ids of field f, row by row. */
  static int[] field(Dataset data, int f) {
    return ((CategoricalRows) data.groups().group("ids")).fields().get(f).ids();
  }

  /** One {@link CategoricalEncoder} table of {@code vocabulary} × 4 per field, row-sparse or dense, under {@code inner}. */
  static MultiTaskModel model(int vocabulary, boolean sparse, Architecture.Factory inner) {
    List<CategoricalEncoder.Field> fields = new ArrayList<>();
    for (int f = 0; f < FIELDS; f++) fields.add(new CategoricalEncoder.Field("field" + f, vocabulary, 4));
    InputSpec inputs = new InputSpec(List.of(new CategoricalEncoder.Spec("ids", fields, Pooling.SUM, false, sparse)));
    return MultiTaskModel.create(ModelSpec.of(inputs, TASKS, inner, new Head.Options(4)), 5);
  }

  static float[] trained(boolean sparse, TrainingConfig config, Dataset data, int vocabulary,
                         Architecture.Factory inner) {
    MultiTaskModel m = model(vocabulary, sparse, inner);
    new Trainer(config).fit(m, data, null);
    return m.parameters().values();
  }

  static float[] values(float[] buffer, Parameter p) {
    return Arrays.copyOfRange(buffer, p.offset(), p.offset() + p.size());
  }

  static TrainingConfig.Builder config(int threads, long seed) {
    return TrainingConfig.builder().epochs(3).batchSize(16).threads(threads).seed(seed).patience(0)
        .optimizer(SGD.Options.of(0.5));
  }

  @ParameterizedTest
  @CsvSource({"1, 1, 0", "2, 1, 0", "3, 2, 0", "1, 3, 0.05", "2, 4, 0.05", "2, 5, 0.5"})
  void sgdTrainsRowSparseTablesToTheDenseParameters(int threads, long seed, double clip) {
    TrainingConfig c = config(threads, seed).gradClipNorm(clip).build();
    Dataset data = ids(100, 40, seed); // batches of 16 touch part of each 40-row table
    Architecture.Factory inner = new MMoE.Options(2, 6);
    float[] dense = trained(false, c, data, 40, inner);
    float[] sparse = trained(true, c, data, 40, inner);
    assertThat(sparse).containsExactly(dense);
    assertThat(sparse).isNotEqualTo(model(40, true, inner).parameters().values()); // it did train
  }

  @ParameterizedTest
  @CsvSource({"1, 7", "2, 8"})
  void lazyAdamEqualsDenseAdamWhenEveryRowIsTouchedEveryStep(int threads, long seed) {
    int vocabulary = 5;
    int[][] x = new int[FIELDS][40];
    for (int f = 0; f < FIELDS; f++) for (int i = 0; i < 40; i++) x[f][i] = (i + f * (int) seed) % vocabulary;
    Dataset data = ids(x, vocabulary); // every shard holds every id of a field
    TrainingConfig c = config(threads, seed).batchSize(40).epochs(4).optimizer(Adam.Options.defaults()).build();
    Architecture.Factory inner = new SharedBottom.Options(6);
    assertThat(trained(true, c, data, vocabulary, inner)).containsExactly(trained(false, c, data, vocabulary, inner));
  }

  @Test
  void lazyAdamLeavesTheRowsAStepDidNotTouch() {
    Dataset data = ids(16, 40, 3);
    MultiTaskModel m = model(40, true, new SharedBottom.Options(6));
    float[] before = m.parameters().values().clone();
    new Trainer(config(2, 3).batchSize(16).epochs(2).optimizer(Adam.Options.defaults()).build()).fit(m, data, null);
    Parameter table = m.parameters().get("encoder.ids.field0.table");
    boolean[] used = new boolean[40];
    for (int id : field(data, 0)) used[id] = true;
    for (int row = 0; row < 40; row++) {
      int from = table.offset() + row * 4;
      float[] now = Arrays.copyOfRange(m.parameters().values(), from, from + 4);
      float[] was = Arrays.copyOfRange(before, from, from + 4);
      if (used[row]) assertThat(now).as("row %d", row).isNotEqualTo(was);
      else assertThat(now).as("row %d", row).containsExactly(was);
    }
  }

  @Test
  void aFrozenSparseTableKeepsItsValuesWhileTheOthersTrainAsDenseOnes() {
    TrainingConfig c = config(2, 6).frozen("encoder.ids.field1.table").build();
    Dataset data = ids(64, 30, 6);
    Architecture.Factory inner = new SharedBottom.Options(6);
    float[] sparse = trained(true, c, data, 30, inner);
    assertThat(sparse).containsExactly(trained(false, c, data, 30, inner));
    MultiTaskModel fresh = model(30, true, inner);
    Parameter frozen = fresh.parameters().get("encoder.ids.field1.table");
    Parameter trainable = fresh.parameters().get("encoder.ids.field0.table");
    assertThat(values(sparse, frozen)).containsExactly(values(fresh.parameters().values(), frozen));
    assertThat(values(sparse, trainable)).isNotEqualTo(values(fresh.parameters().values(), trainable));
  }

  @Test
  void gradientWeightingOnTheSharedRepresentationTrainsSparseTablesAsDenseOnes() {
    TrainingConfig c = config(2, 9).weighting("pcgrad").representationGradients(true).build();
    Dataset data = ids(64, 30, 9);
    Architecture.Factory inner = new SharedBottom.Options(6);
    assertThat(trained(true, c, data, 30, inner)).containsExactly(trained(false, c, data, 30, inner));
  }

  @Test
  void gradientWeightingOnSharedParametersRefusesASharedRowSparseTable() {
    TrainingConfig c = config(1, 1).weighting("pcgrad").build();
    MultiTaskModel m = model(30, true, new SharedBottom.Options(6));
    assertThatThrownBy(() -> new Trainer(c).fit(m, ids(32, 30, 1), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'encoder.ids.field0.table' is row-sparse")
        .hasMessageContaining("training.representationGradients: true");
  }

  @ParameterizedTest
  @CsvSource({"1, 5", "2, 9"})
  void resumingASparseRunAfterACrashGivesTheUninterruptedWeights(int threads, long crashStep) {
    TrainingConfig c = config(threads, 2).checkpointEvery(2).optimizer(Adam.Options.defaults()).build();
    Dataset data = ids(100, 40, 2);
    Architecture.Factory inner = new MMoE.Options(2, 6);
    MultiTaskModel reference = model(40, true, inner);
    new Trainer(c).fit(reference, data, null);

    MultiTaskModel crashed = model(40, true, inner);
    assertThatThrownBy(() -> new Trainer(c, TrainerResumeTest.crashAfter(crashStep)).checkpoints(dir, false)
        .fit(crashed, data, null)).isInstanceOf(TrainerResumeTest.Crash.class);
    MultiTaskModel resumed = model(40, true, inner);
    new Trainer(c).checkpoints(dir, true).fit(resumed, data, null);
    assertThat(resumed.parameters().values()).containsExactly(reference.parameters().values());
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "2, 2", "3, 3", "4, 4"})
  void reducingTablesOnSeveralWorkersGivesTheOneWorkerSumsAndSupport(int threads, long seed) {
    ParameterBuffer.Builder b = ParameterBuffer.builder();
    b.add("dense", Init.ZEROS, Parameter.SHARED, 5);
    for (int k = 0; k < 5; k++) b.addRowSparse("table" + k, Init.ZEROS, Parameter.SHARED, 50, 3);
    ParameterBuffer buffer = b.build(seed);
    RowSparseGradients serial = new RowSparseGradients(buffer), split = new RowSparseGradients(buffer);
    float[] one = new float[buffer.size()], many = new float[buffer.size()];
    SplittableRandom r = new SplittableRandom(seed);
    try (DataParallel single = new DataParallel(1); DataParallel workers = new DataParallel(threads)) {
      for (int step = 0; step < 3; step++) { // later steps first clear the rows of the earlier ones
        float[][] grads = new float[2][buffer.size()];
        TouchedRows[][] touched = new TouchedRows[2][5];
        for (int w = 0; w < 2; w++) {
          for (int k = 0; k < 5; k++) {
            Parameter table = buffer.get("table" + k);
            touched[w][k] = new TouchedRows(50);
            for (int n = 0; n < 8; n++) {
              int row = r.nextInt(50);
              touched[w][k].add(row);
              for (int j = 0; j < 3; j++) grads[w][table.offset() + row * 3 + j] = (float) r.nextGaussian();
            }
          }
        }
        serial.reduce(grads, touched, one, 0, single);
        split.reduce(grads, touched, many, 0, workers);
        assertThat(many).containsExactly(one);
        assertThat(split.support()).isDeepEqualTo(serial.support());
        for (int i = 0; i < one.length; i++) assertThat(one[i]).isEqualTo(grads[0][i] + grads[1][i]);
      }
    }
  }
}
