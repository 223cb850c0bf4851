package io.mtl4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.mtl4j.autodiff.Reduce;
import io.mtl4j.autodiff.Var;
import io.mtl4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BatchNorm2dTest {
  private static final int CHANNELS = 3;

  private record Model(ParameterBuffer buffer, Linear linear, BatchNorm2d norm) {
    static Model build() {
      ParameterBuffer.Builder b = ParameterBuffer.builder();
      Linear linear = new Linear(b, "head", 4, 2, Init.XAVIER_UNIFORM, 0);
      BatchNorm2d norm = new BatchNorm2d(b, "bn", CHANNELS, Parameter.SHARED);
      return new Model(b.build(5), linear, norm);
    }

    float[] state(String name) {
      return buffer.value(buffer.get(name)).toArray();
    }
  }

  static LongStream seeds() {
    return LongStream.range(1, 6);
  }

  private static Tensor images(SplittableRandom r, int n) {
    Tensor x = Tensor.zeros(n, CHANNELS, 3, 2);
    for (int i = 0; i < x.size(); i++) x.set(i, (float) (2 + 3 * r.nextGaussian()));
    return x;
  }

  @Test
  void runningStatisticsAreStateAfterEveryTrainedParameter() {
    Model m = Model.build();
    ParameterBuffer buffer = m.buffer();
    // shared gain and bias, then the task's Linear, then the state
    assertThat(buffer.sharedSize()).isEqualTo(2 * CHANNELS);
    assertThat(buffer.trainableSize()).isEqualTo(2 * CHANNELS + 4 * 2 + 2);
    assertThat(buffer.size()).isEqualTo(buffer.trainableSize() + 2 * CHANNELS);
    assertThat(buffer.isState(buffer.get("bn.running_mean"))).isTrue();
    assertThat(buffer.isState(buffer.get("bn.gain"))).isFalse();
    assertThat(m.state("bn.running_var")).containsOnly(1f);
  }

  @Test
  void stateGetsNoGradientInTraining() {
    Model m = Model.build();
    float[] gradients = new float[m.buffer().size()];
    Graph g = new Graph(m.buffer(), gradients).begin(Mode.TRAIN, new SplittableRandom(1));
    Var y = m.norm().forward(g, g.input(images(new SplittableRandom(2), 4)));
    g.tape().backward(Reduce.sum(io.mtl4j.autodiff.Elementwise.mul(y, y)));
    for (int i = m.buffer().trainableSize(); i < gradients.length; i++) assertThat(gradients[i]).isZero();
    assertThat(gradients[0]).isNotZero(); // the gain did get one
  }

  /** Two shards' statistics merged equal the whole batch's, whatever the split. */
  @ParameterizedTest
  @MethodSource("seeds")
  void shardsMergeToTheWholeBatchStatistics(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 2 + r.nextInt(6), cut = 1 + r.nextInt(n - 1);
    Tensor x = images(r, n);
    Model whole = Model.build(), sharded = Model.build();
    RunningStatistics.apply(whole.buffer(), List.of(pass(whole, x)));
    RunningStatistics.apply(sharded.buffer(), List.of(pass(sharded, x.rowSlice(0, cut)), pass(sharded,
        x.rowSlice(cut, n))));
    for (String name : List.of("bn.running_mean", "bn.running_var")) {
      float[] a = whole.state(name), b = sharded.state(name);
      for (int c = 0; c < CHANNELS; c++) assertThat(b[c]).as(name).isCloseTo(a[c], offset(1e-5f));
    }
    // momentum 0.1 from (0, 1): 0.1·mean and 0.9 + 0.1·unbiased variance of the channel's values
    double mean = 0, squares = 0;
    int plane = 6, count = n * plane;
    for (int i = 0; i < n; i++) for (int p = 0; p < plane; p++) mean += x.get(i * CHANNELS * plane + p) / count;
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < plane; p++) squares += Math.pow(x.get(i * CHANNELS * plane + p) - mean, 2);
    }
    assertThat(whole.state("bn.running_mean")[0]).isCloseTo((float) (0.1 * mean), offset(1e-5f));
    assertThat(whole.state("bn.running_var")[0]).isCloseTo((float) (0.9 + 0.1 * squares / (count - 1)), offset(1e-4f));
  }

  @Test
  void evaluationNormalisesWithTheRunningStatistics() {
    Model m = Model.build();
    ParameterBuffer buffer = m.buffer();
    buffer.value(buffer.get("bn.running_mean")).fill(2f);
    buffer.value(buffer.get("bn.running_var")).fill(4f);
    Graph g = new Graph(buffer, null).begin(Mode.EVAL, new SplittableRandom(1));
    Tensor x = Tensor.zeros(1, CHANNELS, 1, 1).fill(6f);
    // (6 − 2) / √(4 + 1e-5) with gain 1, bias 0
    for (float v : m.norm().forward(g, g.input(x)).value().toArray()) assertThat(v).isCloseTo(2f, offset(1e-5f));
    assertThat(g.statistics()).isEmpty();
  }

  private static Graph pass(Model m, Tensor x) {
    Graph g = new Graph(m.buffer(), new float[m.buffer().size()]).begin(Mode.TRAIN, new SplittableRandom(1));
    m.norm().forward(g, g.input(x));
    return g;
  }
}
