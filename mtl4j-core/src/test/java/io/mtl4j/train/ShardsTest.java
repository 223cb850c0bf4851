package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.data.Dataset;
import io.mtl4j.encode.ImageFixtures;
import io.mtl4j.encode.ImageRows;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.nn.ParameterBuffer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The trainer folds every step's batch-norm statistics, merged over the shards in worker order, into the model. */
class ShardsTest {
  private static final int ROWS = 64, CHANNELS = 4, OUT = ImageFixtures.SIDE - 2;

  private static MultiTaskModel model() {
    return MultiTaskModel.create(ModelSpec.of(new InputSpec(List.of(ImageFixtures.spec(true, false))),
        ImageFixtures.TASKS, new SharedBottom.Options(), new Head.Options()), 7);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void runningStatisticsAfterTrainingEqualTheWholeBatchOnes(int threads) {
    MultiTaskModel model = model();
    Dataset data = ImageFixtures.data(ROWS, 5);
    // The trunk is frozen, so every step's batch (all rows) sees the same convolution and the expected statistics
    // follow by hand: three steps of running ← 0.9·running + 0.1·batch.
    int steps = 3;
    new Trainer(TrainingConfig.builder().epochs(steps).batchSize(ROWS).threads(threads).seed(3).learningRate(0.01)
        .patience(0).frozen("shared").build()).fit(model, data, null);
    ParameterBuffer p = model.parameters();
    double[][] batch = convStatistics(p, ImageFixtures.images(ROWS, 5));
    float[] mean = p.value(p.get("encoder.img.norm0.running_mean")).toArray();
    float[] variance = p.value(p.get("encoder.img.norm0.running_var")).toArray();
    for (int c = 0; c < CHANNELS; c++) {
      double m = 0, v = 1;
      for (int s = 0; s < steps; s++) {
        m = 0.9 * m + 0.1 * batch[0][c];
        v = 0.9 * v + 0.1 * batch[1][c];
      }
      assertThat((double) mean[c]).isCloseTo(m, offset(1e-5 * (1 + Math.abs(m))));
      assertThat((double) variance[c]).isCloseTo(v, offset(1e-5 * (1 + v)));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void batchNormTrainingIsBitReproducible(int threads) {
    float[][] runs = new float[2][];
    for (int r = 0; r < 2; r++) {
      MultiTaskModel model = model();
      new Trainer(TrainingConfig.builder().epochs(2).batchSize(16).threads(threads).seed(3).learningRate(0.01)
          .patience(0).build()).fit(model, ImageFixtures.data(ROWS, 5), null);
      runs[r] = model.parameters().values().clone();
      ParameterBuffer p = model.parameters();
      assertThat(p.value(p.get("encoder.img.norm0.running_var")).toArray()).doesNotContain(1f);
    }
    assertThat(runs[1]).containsExactly(runs[0]);
  }

  /** Per channel of the first convolution over all images: the mean and the unbiased variance, by direct loops. */
  private static double[][] convStatistics(ParameterBuffer p, ImageRows images) {
    float[] w = p.value(p.get("encoder.img.conv0.weight")).toArray();
    float[] bias = p.value(p.get("encoder.img.conv0.bias")).toArray();
    float[] px = images.pixels().toArray();
    int side = ImageFixtures.SIDE;
    double[][] out = new double[2][CHANNELS];
    for (int c = 0; c < CHANNELS; c++) {
      double sum = 0, squares = 0;
      long n = 0;
      for (int i = 0; i < images.rows(); i++) {
        for (int y = 0; y < OUT; y++) {
          for (int x = 0; x < OUT; x++) {
            double v = bias[c];
            for (int ky = 0; ky < 3; ky++) {
              for (int kx = 0; kx < 3; kx++) v += w[c * 9 + ky * 3 + kx] * px[i * side * side + (y + ky) * side + x + kx];
            }
            sum += v;
            squares += v * v;
            n++;
          }
        }
      }
      double mean = sum / n;
      out[0][c] = mean;
      out[1][c] = (squares - n * mean * mean) / (n - 1);
    }
    return out;
  }
}
