package io.mtl4j.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.data.Dataset;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.io.ModelFile;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.ModelEvaluator;
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

/** A classifier and a dense segmentation head on one conv trunk, through training, evaluation and the model file. */
class DenseModelTest {
  static TrainingConfig.Builder config(long seed) {
    return TrainingConfig.builder().epochs(10).batchSize(32).seed(seed).learningRate(0.01).patience(0);
  }

  @Test
  void trainedModelSegmentsBesideTheClassifierAndSurvivesTheModelFile(@TempDir Path dir) {
    MultiTaskModel model = MultiTaskModel.create(DenseFixtures.spec(DenseFixtures.both()), 7);
    Dataset train = DenseFixtures.data(300, 1), test = DenseFixtures.data(200, 2);
    assertThat(ModelEvaluator.evaluate(model, test).score("mask", "mean-iou").value()).isLessThan(0.5);
    new Trainer(config(3).build()).fit(model, train, null);
    Evaluation after = ModelEvaluator.evaluate(model, test);
    // The squares cover whole 2×2 blocks of the 4×4 map, so both heads can be exact; predicting background
    // everywhere would score mIoU ≈ 0.42 and pixel accuracy ≈ 0.84.
    assertThat(after.tasks()).containsExactly("left", "mask");
    assertThat(after.metrics("mask")).containsExactly("mean-iou", "pixel-accuracy");
    assertThat(after.score("mask", "mean-iou").value()).isGreaterThan(0.9);
    assertThat(after.score("mask", "pixel-accuracy").value()).isGreaterThan(0.95);
    assertThat(after.score("left", "accuracy").value()).isGreaterThan(0.9);
    Path file = dir.resolve("m.mtl4j");
    ModelFile.save(file, model);
    MultiTaskModel loaded = ModelFile.load(file).model();
    assertThat(loaded.tasks()).isEqualTo(model.tasks());
    assertThat(loaded.parameters().values()).containsExactly(model.parameters().values());
    Map<String, Tensor> a = model.predict(null, test.groups(), 64), b = loaded.predict(null, test.groups(), 64);
    for (String task : a.keySet()) assertThat(b.get(task).toArray()).as(task).containsExactly(a.get(task).toArray());
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "2, 2"})
  void labelsOfUnlabelledImagesDoNotMoveTheModel(long seed, int threads) {
    Dataset base = DenseFixtures.data(90, seed);
    float[] mask = new float[90];
    for (int i = 0; i < 90; i++) mask[i] = i % 3 == 0 ? 0 : 1;
    float[] scrambled = base.labels("mask").toArray();
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < 90; i += 3) {
      for (int q = 0; q < 64; q++) scrambled[i * 64 + q] = r.nextInt(3) - 1; // -1 (ignored), 0 or 1
    }
    MultiTaskModel kept = train(withMask(base, base.labels("mask"), mask), seed, threads);
    MultiTaskModel changed = train(withMask(base, Tensor.of(scrambled, 90, 64), mask), seed, threads);
    assertThat(changed.parameters().values()).containsExactly(kept.parameters().values());
    for (int q = 0; q < 64; q++) scrambled[64 + q] = 1 - scrambled[64 + q]; // image 1 is labelled
    MultiTaskModel moved = train(withMask(base, Tensor.of(scrambled, 90, 64), mask), seed, threads);
    assertThat(moved.parameters().values()).as("a labelled image's labels do move it")
        .isNotEqualTo(kept.parameters().values());
  }

  private static Dataset withMask(Dataset base, Tensor labels, float[] mask) {
    return Dataset.builder(base.groups()).task("left", base.labels("left"))
        .task("mask", labels, Tensor.of(mask.clone(), mask.length)).build();
  }

  private static MultiTaskModel train(Dataset data, long seed, int threads) {
    MultiTaskModel model = MultiTaskModel.create(DenseFixtures.spec(DenseFixtures.both()), seed);
    new Trainer(config(seed).epochs(2).threads(threads).build()).fit(model, data, null);
    return model;
  }

  @Test
  void representationGradientWeightingIsRefusedBecauseTheDenseHeadBypassesTheSharedCut() {
    MultiTaskModel model = MultiTaskModel.create(DenseFixtures.spec(DenseFixtures.both()), 1);
    assertThat(model.architecture().hasSharedCut()).isTrue();
    assertThat(model.hasSharedCut()).isFalse();
    TrainingConfig c = config(1).epochs(1).weighting("pcgrad").representationGradients(true).build();
    assertThatThrownBy(() -> new Trainer(c).fit(model, DenseFixtures.data(20, 1), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a dense head reads the image trunk past it");
  }
}
