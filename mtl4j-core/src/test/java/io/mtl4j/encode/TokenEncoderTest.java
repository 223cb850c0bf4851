package io.mtl4j.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.data.Dataset;
import io.mtl4j.encode.TokenEncoder.Pooling;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mode;
import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.ModelEvaluator;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Token rows → one shared embedding table → a pooled vector per row. */
class TokenEncoderTest {
  private static final int VOCAB = 12;
  private static final List<Task> TASKS = List.of(Task.of("a", TaskType.binary(), "accuracy"),
      Task.of("b", TaskType.binary(), "accuracy"));

  private static TokenEncoder.Spec spec(Pooling pooling) {
    return pooling == Pooling.CONV ? new TokenEncoder.Spec("text", VOCAB, 6, pooling, 3, 5, false)
        : new TokenEncoder.Spec("text", VOCAB, 6, pooling, 0, 0, false);
  }

  @ParameterizedTest
  @EnumSource(Pooling.class)
  void specSurvivesTheModelFileForm(Pooling pooling) {
    TokenEncoder.Spec s = spec(pooling);
    assertThat(EncoderSpecs.fromMap(EncoderSpecs.toMap(s), "inputs[0]")).isEqualTo(s);
  }

  @ParameterizedTest
  @EnumSource(Pooling.class)
  void sparseSpecSurvivesTheModelFileForm(Pooling pooling) {
    TokenEncoder.Spec d = spec(pooling);
    TokenEncoder.Spec s = new TokenEncoder.Spec("text", VOCAB, 6, pooling, d.convWidth(), d.convChannels(), false, true);
    assertThat(EncoderSpecs.fromMap(EncoderSpecs.toMap(s), "inputs[0]")).isEqualTo(s);
    assertThat(EncoderSpecs.toMap(d)).doesNotContainKey("sparse"); // dense models' files stay as before the flag
  }

  @ParameterizedTest
  @EnumSource(Pooling.class)
  void sparseTableTrainsToTheDenseTablesFloatsUnderSgd(Pooling pooling) {
    TokenEncoder.Spec d = spec(pooling);
    TokenEncoder.Spec s = new TokenEncoder.Spec("text", VOCAB, 6, pooling, d.convWidth(), d.convChannels(), false, true);
    // SGD without weight decay moves an untouched row by lr · 0: the row-sparse update is the dense one, bit for bit.
    TrainingConfig cfg = TrainingConfig.builder().epochs(3).batchSize(8).threads(2).seed(4).patience(0)
        .optimizer(io.mtl4j.optim.SGD.Options.of(0.3)).build();
    float[][] trained = new float[2][];
    for (TokenEncoder.Spec spec : List.of(d, s)) {
      MultiTaskModel model = MultiTaskModel.create(ModelSpec.of(new InputSpec(List.of(spec)), TASKS,
          new SharedBottom.Options(), new Head.Options()), 7);
      assertThat(model.parameters().rowSparse()).hasSize(spec.sparse() ? 1 : 0);
      new Trainer(cfg).fit(model, tokens(60, 9).data(), null);
      trained[spec.sparse() ? 1 : 0] = model.parameters().values();
    }
    assertThat(trained[1]).containsExactly(trained[0]);
  }

  @Test
  void meanPoolingAveragesTheRowsTableRows() {
    ParameterBuffer.Builder b = ParameterBuffer.builder();
    TokenEncoder enc = (TokenEncoder) spec(Pooling.MEAN).create(b, "encoder.text", -1);
    ParameterBuffer buffer = b.build(3);
    float[] table = buffer.value(buffer.get("encoder.text.table")).toArray();
    Graph g = new Graph(buffer, null).begin(Mode.EVAL, new SplittableRandom(0));
    float[] out = enc.encode(g, new IdRows(new int[] {0, 2, 2, 3}, new int[] {4, 7, 9})).value().toArray();
    for (int j = 0; j < 6; j++) {
      assertThat(out[j]).isCloseTo((table[4 * 6 + j] + table[7 * 6 + j]) / 2, offset(1e-6f));
      assertThat(out[6 + j]).isZero();
      assertThat(out[12 + j]).isEqualTo(table[9 * 6 + j]);
    }
  }

  @ParameterizedTest
  @EnumSource(Pooling.class)
  void aShardEncodesLikeTheSameRowsOfTheWholeBatch(Pooling pooling) {
    ParameterBuffer.Builder b = ParameterBuffer.builder();
    Encoder enc = spec(pooling).create(b, "encoder.text", -1);
    ParameterBuffer buffer = b.build(5);
    IdRows rows = tokens(30, 11).rows();
    Graph g = new Graph(buffer, null).begin(Mode.EVAL, new SplittableRandom(0));
    float[] whole = enc.encode(g, rows).value().toArray();
    float[] shard = enc.encode(g, rows.slice(10, 20)).value().toArray();
    int d = enc.outputSize();
    // BLAS may block a convolution's matrix product differently by row count: equal up to rounding.
    for (int i = 0; i < shard.length; i++) assertThat(shard[i]).isCloseTo(whole[10 * d + i], offset(1e-5f));
  }

  @ParameterizedTest
  @EnumSource(Pooling.class)
  void sharedTableLearnsPlantedSentimentWords(Pooling pooling) {
    Planted train = tokens(400, 1), test = tokens(200, 2);
    MultiTaskModel model = MultiTaskModel.create(ModelSpec.of(new InputSpec(List.of(spec(pooling))), TASKS,
        new SharedBottom.Options(), new Head.Options()), 7);
    TrainingConfig cfg = TrainingConfig.builder().epochs(15).batchSize(32).seed(3).learningRate(0.05).patience(0)
        .build();
    new Trainer(cfg).fit(model, train.data(), null);
    Evaluation m = ModelEvaluator.evaluate(model, test.data());
    assertThat(m.score("a", "accuracy").value()).isGreaterThan(0.9);
    assertThat(m.score("b", "accuracy").value()).isGreaterThan(0.9);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3})
  void bagWithUniformWeightsIsMeanPoolingAndItsShardsAndBatchesAgree(long seed) {
    ParameterBuffer.Builder b = ParameterBuffer.builder();
    Encoder enc = spec(Pooling.MEAN).create(b, "encoder.text", -1);
    Graph g = new Graph(b.build(seed), null).begin(Mode.EVAL, new SplittableRandom(0));
    IdRows rows = tokens(30, seed).rows();
    float[] weights = new float[rows.ids().length];
    for (int i = 0; i < rows.rows(); i++) {
      for (int k = rows.offsets()[i]; k < rows.offsets()[i + 1]; k++) weights[k] = 1f / (rows.offsets()[i + 1] - rows.offsets()[i]);
    }
    BagRows bag = new BagRows(rows, weights);
    float[] mean = enc.encode(g, rows).value().toArray(), weighted = enc.encode(g, bag).value().toArray();
    for (int i = 0; i < mean.length; i++) assertThat(weighted[i]).isCloseTo(mean[i], offset(1e-6f));
    int d = enc.outputSize();
    float[] shard = enc.encode(g, bag.slice(10, 20)).value().toArray();
    for (int i = 0; i < shard.length; i++) assertThat(shard[i]).isCloseTo(mean[10 * d + i], offset(1e-6f));
    int[] order = {7, 3, 29, 0};
    float[] batch = enc.encode(g, bag.gather(order, 1, 4)).value().toArray();
    for (int r = 0; r < 3; r++) {
      for (int j = 0; j < d; j++) assertThat(batch[r * d + j]).isCloseTo(mean[order[r + 1] * d + j], offset(1e-6f));
    }
  }

  @Test
  void bagCountsScaleTheirRowsAndNeedMeanPooling() {
    ParameterBuffer.Builder b = ParameterBuffer.builder();
    Encoder enc = spec(Pooling.MEAN).create(b, "encoder.text", -1);
    ParameterBuffer buffer = b.build(4);
    float[] table = buffer.value(buffer.get("encoder.text.table")).toArray();
    Graph g = new Graph(buffer, null).begin(Mode.EVAL, new SplittableRandom(0));
    float[] out = enc.encode(g, new BagRows(new IdRows(new int[] {0, 2}, new int[] {4, 7}), new float[] {3, 0.5f}))
        .value().toArray();
    for (int j = 0; j < 6; j++) assertThat(out[j]).isCloseTo(3 * table[4 * 6 + j] + 0.5f * table[7 * 6 + j], offset(1e-5f));
    ParameterBuffer.Builder m = ParameterBuffer.builder();
    Encoder max = spec(Pooling.MAX).create(m, "encoder.text", -1);
    Graph gm = new Graph(m.build(1), null).begin(Mode.EVAL, new SplittableRandom(0));
    assertThatThrownBy(() -> max.encode(gm, new BagRows(IdRows.single(new int[] {2}), new float[] {1})))
        .hasMessageContaining("token group 'text': weighted ids (a bag of term counts) need mean pooling, not max");
  }

  @Test
  void idOutsideTheTableNamesGroupAndRow() {
    ParameterBuffer.Builder b = ParameterBuffer.builder();
    Encoder enc = spec(Pooling.MAX).create(b, "encoder.text", -1);
    Graph g = new Graph(b.build(1), null).begin(Mode.EVAL, new SplittableRandom(0));
    assertThatThrownBy(() -> enc.encode(g, new IdRows(new int[] {0, 1, 2}, new int[] {3, VOCAB})))
        .hasMessageContaining("token group 'text', batch row 1: token id 12 outside the table's 12 rows");
  }

  @Test
  void convOptionsAreRequiredExactlyWithConvPooling() {
    assertThatThrownBy(() -> new TokenEncoder.Spec("t", 5, 4, Pooling.CONV, 0, 3, false)).hasMessageContaining("conv");
    assertThatThrownBy(() -> new TokenEncoder.Spec("t", 5, 4, Pooling.MEAN, 3, 3, false))
        .hasMessageContaining("expected 0 unless pooling is conv");
  }

  private record Planted(IdRows rows, Dataset data) {}

  /** Task a: is word 2 ("good") in the text? Task b: is word 3 in it? Other words (4..11) are noise; some rows empty. */
  private static Planted tokens(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] offsets = new int[n + 1];
    int[] ids = new int[n * 8];
    float[] a = new float[n], b = new float[n];
    for (int i = 0; i < n; i++) {
      int len = r.nextInt(7);
      int at = offsets[i];
      for (int k = 0; k < len; k++) ids[at + k] = 4 + r.nextInt(VOCAB - 4);
      if (len > 0 && r.nextBoolean()) { ids[at + r.nextInt(len)] = 2; a[i] = 1; }
      if (len > 1 && r.nextBoolean()) {
        int k = r.nextInt(len);
        if (ids[at + k] != 2) { ids[at + k] = 3; b[i] = 1; }
      }
      offsets[i + 1] = at + len;
    }
    IdRows rows = new IdRows(offsets, java.util.Arrays.copyOf(ids, offsets[n]));
    Dataset d = Dataset.builder(FeatureRows.of(Map.of("text", rows))).task("a", Tensor.of(a, n))
        .task("b", Tensor.of(b, n)).build();
    return new Planted(rows, d);
  }
}
