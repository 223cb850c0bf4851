package io.mtl4j.encode;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.MMoE;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.autodiff.EmbeddingBag.Pooling;
import io.mtl4j.data.Dataset;
import io.mtl4j.io.ModelFile;
import io.mtl4j.nn.Parameter;
import io.mtl4j.optim.Adam;
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

/** Categorical fields through per-field tables; the {@code sparse} flag makes the tables row-sparse. */
class CategoricalEncoderTest {
  private static CategoricalEncoder.Spec cat(boolean sparse) {
    return new CategoricalEncoder.Spec("cat", List.of(new CategoricalEncoder.Field("color", GroupFixtures.COLORS, 3),
        new CategoricalEncoder.Field("tags", GroupFixtures.TAGS, 2)), Pooling.MEAN, false, sparse);
  }

  private static MultiTaskModel model(boolean sparse, long seed) {
    InputSpec inputs = new InputSpec(List.of(new DenseEncoder.Spec("x", 4, false), cat(sparse)));
    return MultiTaskModel.create(ModelSpec.of(inputs, GroupFixtures.TASKS, new MMoE.Options(2, 6),
        new Head.Options(4)), seed);
  }

  @Test
  void sparseFlagSurvivesTheModelFileFormAndIsLeftOutWhenDense() {
    assertThat(EncoderSpecs.fromMap(EncoderSpecs.toMap(cat(true)), "inputs[1]")).isEqualTo(cat(true));
    assertThat(EncoderSpecs.toMap(cat(false))).doesNotContainKey("sparse"); // dense models' files stay as they were
    assertThat(EncoderSpecs.fromMap(EncoderSpecs.toMap(cat(false)), "inputs[1]")).isEqualTo(cat(false));
  }

  @Test
  void sparseFlagDeclaresEachFieldsTableRowSparseWithTheDenseLayoutAndValues() {
    MultiTaskModel sparse = model(true, 3), dense = model(false, 3);
    assertThat(sparse.parameters().rowSparse()).extracting(Parameter::name)
        .containsExactly("encoder.cat.color.table", "encoder.cat.tags.table");
    assertThat(dense.parameters().rowSparse()).isEmpty();
    assertThat(sparse.parameters().values()).containsExactly(dense.parameters().values());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void trainedSparseModelRoundTripsThroughTheModelFile(long seed, @TempDir Path dir) {
    MultiTaskModel model = model(true, seed);
    Dataset data = GroupFixtures.data(50, seed);
    TrainingConfig c = TrainingConfig.builder().epochs(2).batchSize(16).threads(2).seed(seed).patience(0)
        .optimizer(Adam.Options.defaults()).build();
    new Trainer(c).fit(model, data, null);
    Path file = dir.resolve("m.mtl4j");
    ModelFile.save(file, model);
    MultiTaskModel loaded = ModelFile.load(file).model();
    assertThat(loaded.spec().groups()).isEqualTo(model.spec().groups());
    assertThat(loaded.parameters().rowSparse()).hasSize(2);
    assertThat(loaded.parameters().values()).containsExactly(model.parameters().values());
    Map<String, Tensor> a = model.predict(null, data.groups(), 64), b = loaded.predict(null, data.groups(), 64);
    for (String task : a.keySet()) assertThat(b.get(task).toArray()).containsExactly(a.get(task).toArray());
  }
}
