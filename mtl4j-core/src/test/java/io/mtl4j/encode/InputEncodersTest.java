package io.mtl4j.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.MMoE;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Dataset;
import io.mtl4j.io.ModelFile;
import io.mtl4j.nn.Parameter;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A model's feature groups through the whole path: encoders → architecture → heads, training, files. */
class InputEncodersTest {
  private static final MMoE.Options MMOE = new MMoE.Options(3, 8);
  private static final Head.Options HEAD = new Head.Options(4);

  private static TrainingConfig config(int threads) {
    return TrainingConfig.builder().epochs(2).batchSize(16).threads(threads).seed(5).learningRate(0.01).patience(0)
        .build();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void identityDenseGroupTrainsExactlyLikeTheMatrixModel(int threads) {
    Dataset grouped = GroupFixtures.data(90, threads);
    Tensor x = ((DenseRows) grouped.groups().group("x")).values();
    Dataset matrix = Dataset.builder(x).task("sum", grouped.labels("sum")).task("sign", grouped.labels("sign")).build();
    MultiTaskModel plain = MultiTaskModel.create(new ModelSpec(4, GroupFixtures.TASKS, MMOE, HEAD), 7);
    MultiTaskModel dense = MultiTaskModel.create(ModelSpec.of(new InputSpec(List.of(new DenseEncoder.Spec("x", 4,
        false))), GroupFixtures.TASKS, MMOE, HEAD), 7);
    new Trainer(config(threads)).fit(plain, matrix, null);
    new Trainer(config(threads)).fit(dense, grouped, null);
    assertThat(dense.parameters().values()).containsExactly(plain.parameters().values());
  }

  @Test
  void sharedTablesCountAsSharedParametersAndTrain() {
    MultiTaskModel model = MultiTaskModel.create(ModelSpec.of(GroupFixtures.spec(false), GroupFixtures.TASKS, MMOE,
        HEAD), 3);
    Parameter color = model.parameters().get("encoder.cat.color.table");
    assertThat(color.shared()).isTrue();
    float[] before = model.parameters().value(color).toArray();
    new Trainer(config(2)).fit(model, GroupFixtures.data(80, 3), null);
    assertThat(model.parameters().value(color).toArray()).isNotEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void savedAndLoadedModelPredictsTheSame(boolean privateCategories, @TempDir Path dir) {
    MultiTaskModel model = MultiTaskModel.create(ModelSpec.of(GroupFixtures.spec(privateCategories),
        GroupFixtures.TASKS, MMOE, HEAD), 11);
    Dataset data = GroupFixtures.data(60, 11);
    new Trainer(config(1)).fit(model, data, null);
    Path file = dir.resolve("m.mtl4j");
    ModelFile.save(file, model);
    MultiTaskModel loaded = ModelFile.load(file).model();
    assertThat(loaded.spec().groups()).isEqualTo(model.spec().groups());
    Map<String, Tensor> a = model.predict(null, data.groups(), 64), b = loaded.predict(null, data.groups(), 64);
    for (String task : a.keySet()) assertThat(b.get(task).toArray()).containsExactly(a.get(task).toArray());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void privateEncoderChangesOnlyItsTask(long seed) {
    MultiTaskModel model = MultiTaskModel.create(ModelSpec.of(GroupFixtures.spec(true), GroupFixtures.TASKS, MMOE,
        HEAD), seed);
    FeatureRows rows = GroupFixtures.data(30, seed).groups();
    Map<String, Tensor> before = model.predict(null, rows, 30);
    Tensor table = model.parameters().value(model.parameters().get("task.sum.encoder.cat.color.table"));
    for (int i = 0; i < table.size(); i++) table.set(i, table.get(i) + 0.5f);
    Map<String, Tensor> after = model.predict(null, rows, 30);
    assertThat(after.get("sign").toArray()).containsExactly(before.get("sign").toArray());
    assertThat(after.get("sum").toArray()).isNotEqualTo(before.get("sum").toArray());
  }

  @Test
  void idOutsideTheTableNamesGroupFieldAndRow() {
    MultiTaskModel model = MultiTaskModel.create(ModelSpec.of(GroupFixtures.spec(false), GroupFixtures.TASKS, MMOE,
        HEAD), 1);
    FeatureRows rows = FeatureRows.of(Map.of("x", new DenseRows(Tensor.zeros(2, 4)), "cat", new CategoricalRows(List.of(
        IdRows.single(new int[] {0, GroupFixtures.COLORS}), IdRows.single(new int[] {1, 1})))));
    assertThatThrownBy(() -> model.predict(null, rows, 8))
        .hasMessageContaining("categorical group 'cat', field 'color', batch row 1: id 5 outside the table's 5 rows");
  }

  @Test
  void groupModelRejectsAMatrixWithoutGroups() {
    MultiTaskModel model = MultiTaskModel.create(ModelSpec.of(GroupFixtures.spec(false), GroupFixtures.TASKS, MMOE,
        HEAD), 1);
    assertThatThrownBy(() -> model.predict(Tensor.zeros(3, 9), 8))
        .hasMessageContaining("reads feature groups [x, cat] but the rows have none");
  }

  @Test
  void specWidthMustMatchTheSharedGroups() {
    assertThatThrownBy(() -> new ModelSpec(5, GroupFixtures.TASKS, MMOE, HEAD, GroupFixtures.spec(false)))
        .hasMessageContaining("inputs = 5 but the shared feature groups encode to 9 columns");
  }
}
