package io.mtl4j.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.arch.SingleTask;
import io.mtl4j.autodiff.Var;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.demo.PlantedTasks;
import io.mtl4j.nn.Activation;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mode;
import io.mtl4j.task.LabelMask;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GradientProbeTest {
  private static final List<Task> TASKS = PlantedTasks.TASKS.stream().map(n -> Task.of(n, TaskType.regression())).toList();

  static MultiTaskModel model(long seed, double dropout) {
    return MultiTaskModel.create(new ModelSpec(10, TASKS, new SharedBottom.Options(new int[] {16, 8}, Activation.RELU,
        dropout), new Head.Options(4)), seed);
  }

  static Dataset data(int rows, long seed) {
    return PlantedTasks.generate(new PlantedTasks.Options(rows, 10, 0.3, 0.1), seed);
  }

  static TrainingConfig.Builder config(long seed) {
    return TrainingConfig.builder().epochs(2).batchSize(32).seed(seed).learningRate(0.01).patience(0).threads(1);
  }

  @ParameterizedTest
  @CsvSource({"1, ew, 1", "2, pcgrad, 2", "3, ew, 3"})
  void trainsToTheSameBitsWithOrWithoutTheProbe(long seed, String weighting, int threads) {
    Dataset data = data(300, seed);
    MultiTaskModel plain = model(seed, 0.2), probed = model(seed, 0.2);
    new Trainer(config(seed).weighting(weighting).threads(threads).build()).fit(plain, data, null);
    GradientProbe probe = new GradientProbe(probed, data, new GradientProbe.Options(3, 64, 0, seed));
    new Trainer(config(seed).weighting(weighting).threads(threads).build(), probe).fit(probed, data, null);
    assertThat(probe.result().samples()).isPositive();
    assertThat(probed.parameters().values()).containsExactly(plain.parameters().values());
  }

  @Test
  void samplesEveryKthStepAndPerSharedLayer() {
    Dataset data = data(320, 4); // 10 steps per epoch, 20 in all
    GradientProbe probe = new GradientProbe(model(4, 0), data, new GradientProbe.Options(6, 32, 0, 4));
    new Trainer(config(4).build(), probe).fit(model(4, 0), data, null);
    // The probe watches another model than the trainer fits here: the sampling follows the steps all the same.
    GradientRelations r = probe.result();
    assertThat(r.samples()).isEqualTo(3);
    assertThat(r.cosineByLayer()).containsOnlyKeys("bottom.0", "bottom.1");
    assertThat(r.cosine().counts()[0][1]).isEqualTo(3);
  }

  @ParameterizedTest
  @CsvSource({"5", "6"})
  void measuresKeepTheirDefiningSymmetries(long seed) {
    Dataset data = data(400, seed);
    MultiTaskModel m = model(seed, 0);
    GradientProbe probe = new GradientProbe(m, data, new GradientProbe.Options(4, 64, 0, seed));
    new Trainer(config(seed).build(), probe).fit(m, data, null);
    GradientRelations r = probe.result();
    for (int i = 0; i < TASKS.size(); i++) {
      assertThat(r.cosine().get(i, i)).isCloseTo(1, within(1e-6));
      // A task's own small gradient step lowers its own loss: Z_{i→i} > 0.
      assertThat(r.affinity().get(i, i)).isPositive();
      for (int j = 0; j < TASKS.size(); j++) {
        assertThat(r.cosine().get(i, j)).isCloseTo(r.cosine().get(j, i), within(1e-12));
        assertThat(r.magnitudeRatio().get(i, j) * r.magnitudeRatio().get(j, i)).isCloseTo(1, within(1e-9));
      }
    }
  }

  @Test
  void affinityIsTheLookAheadChangeOfEachLoss() {
    // One sample, at the last step, on every row: recomputed here from the trained model by plain forward passes.
    Dataset data = data(128, 7);
    MultiTaskModel m = model(7, 0);
    double eta = 0.05;
    GradientProbe probe = new GradientProbe(m, data, new GradientProbe.Options(8, 128, eta, 7));
    new Trainer(config(7).build(), probe).fit(m, data, null); // 4 steps per epoch: sampled at step 8 only
    GradientRelations r = probe.result();
    assertThat(r.samples()).isEqualTo(1);
    int shared = m.parameters().sharedSize();
    float[] theta = m.parameters().values().clone();
    double[] base = losses(m, data, null);
    for (int i = 0; i < TASKS.size(); i++) {
      float[] g = new float[m.parameters().size()];
      losses(m, data, new Object[] {i, g});
      float[] values = m.parameters().values();
      for (int k = 0; k < shared; k++) values[k] = (float) (theta[k] - eta * g[k]);
      double[] after = losses(m, data, null);
      System.arraycopy(theta, 0, values, 0, values.length);
      for (int j = 0; j < TASKS.size(); j++) {
        double z = 1 - after[j] / base[j];
        // Float losses of 128 rows summed in another order: agreement to a few parts in 10⁴ of the effect.
        assertThat(r.affinity().get(i, j)).isCloseTo(z, within(2e-3 * Math.abs(z) + 1e-5));
      }
    }
  }

  @Test
  void refusesAnArchitectureWithoutSharedParameters() {
    MultiTaskModel m = MultiTaskModel.create(new ModelSpec(10, TASKS, new SingleTask.Options(4), new Head.Options(2)), 1);
    assertThatThrownBy(() -> new GradientProbe(m, data(10, 1), new GradientProbe.Options(1, 8, 0, 1)))
        .hasMessageContaining("no shared parameters");
  }

  @Test
  void rejectsAZeroSamplingInterval() {
    assertThatThrownBy(() -> new GradientProbe.Options(0, 8, 0, 1)).hasMessageContaining("every = 0 steps, expected ≥ 1");
  }

  /** Each task's mean loss on all rows; with {@code gradient} = {task, buffer}, that task's gradient into the buffer. */
  private static double[] losses(MultiTaskModel m, Dataset data, Object[] gradient) {
    float[] buffer = gradient == null ? null : (float[]) gradient[1];
    Graph g = new Graph(m.parameters(), buffer).begin(Mode.TRAIN, new SplittableRandom(0));
    Var[] logits = m.run(g, data.features(), null, m.allTasks()).logits();
    double[] out = new double[TASKS.size()];
    for (int t = 0; t < out.length; t++) {
      String name = TASKS.get(t).name();
      Var loss = TASKS.get(t).newLoss().loss(logits[t], data.labels(name), LabelMask.all(data.rows()));
      out[t] = loss.item();
      if (gradient != null && (int) gradient[0] == t) g.tape().backward(Map.of(loss, Tensor.scalar(1f)), Set.of());
    }
    return out;
  }
}
