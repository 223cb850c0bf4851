package io.mtl4j.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.data.Dataset;
import io.mtl4j.io.ModelFile;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mode;
import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Images [N, C·H·W] → conv trunk → a vector per row, shared by the tasks. */
class ImageEncoderTest {
  @ParameterizedTest
  @CsvSource({"false,false", "true,false", "false,true", "true,true"})
  void specSurvivesTheModelFileForm(boolean batchNorm, boolean globalAverage) {
    ImageEncoder.Spec s = ImageFixtures.spec(batchNorm, globalAverage);
    assertThat(EncoderSpecs.fromMap(EncoderSpecs.toMap(s), "inputs[0]")).isEqualTo(s);
  }

  @ParameterizedTest
  @CsvSource({"false,54", "true,6"})
  void outputIsTheFlattenedOrAveragedLastFeatureMap(boolean globalAverage, int width) {
    // 8×8 → conv 3×3 → 6×6 → pool 2 → 3×3 → padded conv → 6 channels of 3×3.
    ImageEncoder.Spec s = ImageFixtures.spec(true, globalAverage);
    assertThat(s.featureMap()).containsExactly(6, 3, 3);
    assertThat(s.outputSize()).isEqualTo(width);
    ParameterBuffer.Builder b = ParameterBuffer.builder();
    Encoder enc = s.create(b, "encoder.img", -1);
    Graph g = new Graph(b.build(1), null).begin(Mode.EVAL, new SplittableRandom(0));
    assertThat(enc.encode(g, ImageFixtures.images(5, 1)).shape()).containsExactly(5, width);
  }

  @Test
  void globalAverageIsTheMeanOfTheFlattenedChannels() {
    ParameterBuffer.Builder b = ParameterBuffer.builder();
    Encoder flat = ImageFixtures.spec(true, false).create(b, "encoder.img", -1);
    ParameterBuffer buffer = b.build(4);
    // Same structure, same prefix, so the averaged encoder reads the same weights.
    Encoder mean = ImageFixtures.spec(true, true).create(ParameterBuffer.builder(), "encoder.img", -1);
    Graph g = new Graph(buffer, null).begin(Mode.EVAL, new SplittableRandom(0));
    ImageRows rows = ImageFixtures.images(3, 2);
    float[] f = flat.encode(g, rows).value().toArray(), m = mean.encode(g, rows).value().toArray();
    for (int i = 0; i < 3; i++) {
      for (int c = 0; c < 6; c++) {
        double sum = 0;
        for (int k = 0; k < 9; k++) sum += f[i * 54 + c * 9 + k];
        assertThat(m[i * 6 + c]).isCloseTo((float) (sum / 9), offset(1e-5f));
      }
    }
  }

  @Test
  void aShardEncodesLikeTheSameRowsOfTheWholeBatch() {
    ParameterBuffer.Builder b = ParameterBuffer.builder();
    Encoder enc = ImageFixtures.spec(true, false).create(b, "encoder.img", -1);
    Graph g = new Graph(b.build(5), null).begin(Mode.EVAL, new SplittableRandom(0));
    ImageRows rows = ImageFixtures.images(30, 11);
    float[] whole = enc.encode(g, rows).value().toArray();
    float[] shard = enc.encode(g, rows.slice(10, 20)).value().toArray();
    int d = enc.outputSize();
    // BLAS may block the convolution's matrix product differently by row count: equal up to rounding.
    for (int i = 0; i < shard.length; i++) assertThat(shard[i]).isCloseTo(whole[10 * d + i], offset(1e-5f));
  }

  @Test
  void wrongImageSizeNamesTheGroupAndTheExpectedShape() {
    ParameterBuffer.Builder b = ParameterBuffer.builder();
    Encoder enc = ImageFixtures.spec(false, false).create(b, "encoder.img", -1);
    Graph g = new Graph(b.build(1), null).begin(Mode.EVAL, new SplittableRandom(0));
    ImageRows wrong = new ImageRows(Tensor.zeros(2, 3 * 8 * 8), 3, 8, 8);
    assertThatThrownBy(() -> enc.encode(g, wrong)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("image group 'img': expected images of C×H×W = 1×8×8, got images of C×H×W = 3×8×8");
    assertThatThrownBy(() -> enc.encode(g, new DenseRows(Tensor.zeros(2, 64))))
        .hasMessageContaining("image group 'img': expected images of C×H×W = 1×8×8, got DenseRows of 2 rows");
  }

  @Test
  void aTrunkThatShrinksTheMapToNothingIsRefused() {
    assertThatThrownBy(() -> new ImageEncoder.Spec("img", 1, 4, 4, List.of(new ImageEncoder.Layer(2, 5, 1, 0, 0,
        false)), false, false)).hasMessageContaining("image group 'img' layer 0: the feature map becomes 2×0×0");
    assertThatThrownBy(() -> new ImageEncoder.Spec("img", 3, 4096, 4096, List.of(), false, false))
        .hasMessageContaining("C×H×W = 3×4096×4096").hasMessageContaining("at most 16777216 values");
  }

  @Test
  void trainedTrunkLearnsBothTasksAndSurvivesTheModelFile(@TempDir Path dir) {
    MultiTaskModel model = MultiTaskModel.create(ModelSpec.of(new InputSpec(List.of(ImageFixtures.spec(true, false))),
        ImageFixtures.TASKS, new SharedBottom.Options(), new Head.Options()), 7);
    Dataset train = ImageFixtures.data(400, 1), test = ImageFixtures.data(200, 2);
    new Trainer(TrainingConfig.builder().epochs(15).batchSize(32).seed(3).learningRate(0.01).patience(0).build())
        .fit(model, train, null);
    var scores = io.mtl4j.train.ModelEvaluator.evaluate(model, test);
    assertThat(scores.score("left", "accuracy").value()).isGreaterThan(0.8);
    assertThat(scores.score("top", "accuracy").value()).isGreaterThan(0.8);
    Path file = dir.resolve("m.mtl4j");
    ModelFile.save(file, model);
    MultiTaskModel loaded = ModelFile.load(file).model();
    assertThat(loaded.spec().groups()).isEqualTo(model.spec().groups());
    Map<String, Tensor> a = model.predict(null, test.groups(), 64), b = loaded.predict(null, test.groups(), 64);
    for (String task : a.keySet()) assertThat(b.get(task).toArray()).containsExactly(a.get(task).toArray());
  }
}
