package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Batch;
import io.mtl4j.data.Dataset;
import io.mtl4j.task.Losses;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PartitionPass + SyncStep driven as a cluster would drive them, partitions simulated in this JVM. */
class SyncStepTest {
  /** Partition sums round differently from one whole-batch pass; 2 epochs of SGD stay well within this. */
  private static final double FLOAT_TOLERANCE = 1e-5;

  private static TrainingConfig config(String weighting) {
    return TrainerTest.config().epochs(2).weighting(weighting).optimizer("sgd", java.util.Map.of("learningRate", 0.05))
        .build();
  }

  /** Trains with {@code partitions} contiguous row ranges, partials added in partition order. */
  private static float[] clusterTraining(TrainingConfig config, Dataset data, int partitions) {
    MultiTaskModel model = TrainerTest.model(1);
    SyncStep sync = new SyncStep(model, config);
    int rows = data.rows(), batch = SyncStep.batchRows(config.batchSize(), rows);
    int steps = (rows + batch - 1) / batch;
    long step = 0;
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      int[] order = SyncStep.epochOrder(config.seed(), epoch, rows);
      for (int s = 0; s < steps; s++, step++) {
        int from = s * batch, to = Math.min(rows, from + batch);
        double[] denominators = denominators(model, data, order, from, to);
        sync.begin(epoch, step);
        double[] scales = null;
        if (sync.lossesFirst()) {
          StepPartial losses = null;
          for (int p = 0; p < partitions; p++) {
            StepPartial l = pass(model, config, p, false).losses(batch(data, partitions, p, order, from, to),
                denominators, step, true);
            losses = losses == null ? l : losses.plus(l);
          }
          scales = sync.scales(losses);
        }
        StepPartial summed = null;
        for (int p = 0; p < partitions; p++) {
          PartitionPass pass = pass(model, config, p, scales == null);
          Batch b = batch(data, partitions, p, order, from, to);
          StepPartial partial = scales == null ? pass.taskRows(b, denominators, step)
              : pass.combined(b, denominators, step, scales);
          summed = summed == null ? partial : summed.plus(partial);
        }
        sync.apply(summed);
      }
      sync.endEpoch();
    }
    return model.parameters().values();
  }

  /** A partition's pass on a copy of the model's current parameters (what a broadcast gives an executor). */
  private static PartitionPass pass(MultiTaskModel model, TrainingConfig config, int p, boolean taskRows) {
    MultiTaskModel copy = MultiTaskModel.create(model.spec(), model.parameters().values().clone());
    return new PartitionPass(copy, config.seed(), p, taskRows, Losses.defaults());
  }

  /** Partition p's rows of the batch order[from, to), in batch order. */
  private static Batch batch(Dataset data, int partitions, int p, int[] order, int from, int to) {
    int start = data.rows() * p / partitions, end = data.rows() * (p + 1) / partitions;
    int[] mine = Arrays.stream(order, from, to).filter(g -> g >= start && g < end).toArray();
    return data.newBatch(Math.max(1, mine.length)).load(data, mine, 0, mine.length);
  }

  private static double[] denominators(MultiTaskModel model, Dataset data, int[] order, int from, int to) {
    double[] out = new double[model.tasks().size()];
    for (int t = 0; t < out.length; t++) {
      for (int i = from; i < to; i++) if (data.mask(model.tasks().get(t).name()).get(order[i]) != 0f) out[t]++;
    }
    return out;
  }

  private static float[] singleJvm(TrainingConfig config, Dataset data) {
    MultiTaskModel model = TrainerTest.model(1);
    new Trainer(config).fit(model, data, null);
    return model.parameters().values();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ew", "dwa", "pcgrad", "mgda"})
  void onePartitionTrainsBitForBitAsTheTrainer(String weighting) {
    Dataset data = TrainerTest.data(150, 3, true);
    assertThat(clusterTraining(config(weighting), data, 1)).containsExactly(singleJvm(config(weighting), data));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ew", "pcgrad", "mgda"})
  void threePartitionsMatchTheTrainerToFloatTolerance(String weighting) {
    Dataset data = TrainerTest.data(150, 3, true);
    float[] cluster = clusterTraining(config(weighting), data, 3), local = singleJvm(config(weighting), data);
    float[] initial = TrainerTest.model(1).parameters().values();
    double gap = 0, moved = 0;
    for (int i = 0; i < local.length; i++) {
      gap = Math.max(gap, Math.abs(cluster[i] - local[i]));
      moved = Math.max(moved, Math.abs(local[i] - initial[i]));
    }
    assertThat(gap).isLessThanOrEqualTo(FLOAT_TOLERANCE);
    assertThat(moved).isGreaterThan(1e3 * FLOAT_TOLERANCE);
  }

  @Test
  void refusesRepresentationGradientsNamingTheSetting() {
    TrainingConfig config = TrainerTest.config().weighting("pcgrad").representationGradients(true).build();
    assertThatThrownBy(() -> new SyncStep(TrainerTest.model(1), config))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("training.representationGradients");
  }

  @Test
  void aNonFiniteLossFailsBeforeTheParametersChange() {
    MultiTaskModel model = TrainerTest.model(1);
    float[] before = model.parameters().values().clone();
    SyncStep sync = new SyncStep(model, config("pcgrad"));
    sync.begin(0, 0);
    StepPartial nan = new StepPartial(new double[] {Double.NaN, 0.5}, new float[before.length],
        new float[2][model.parameters().sharedSize()]);
    assertThatThrownBy(() -> sync.apply(nan)).isInstanceOf(NonFiniteLossException.class)
        .hasMessageContaining("loss of task 'sum' is NaN");
    assertThat(model.parameters().values()).containsExactly(before);
  }

  /** Scales of ones before the losses, half of them from combine: a step must not apply what its pass did not use. */
  private static final class ScalesThatChange implements io.mtl4j.weighting.Weighting {
    @Override
    public Requirements requirements() {
      return Requirements.LOSSES;
    }

    @Override
    public io.mtl4j.weighting.StepWeights combine(io.mtl4j.weighting.WeightingContext ctx) {
      return io.mtl4j.weighting.StepWeights.of(new double[] {0.5, 0.5});
    }

    @Override
    public double[] lossScalesBeforeLosses(int tasks) {
      return new double[] {1, 1};
    }
  }

  @Test
  void scalesGivenBeforeTheLossesMustBeTheOnesCombineReturns() {
    MultiTaskModel model = TrainerTest.model(1);
    float[] before = model.parameters().values().clone();
    SyncStep sync = new SyncStep(model, TrainerTest.config().weighting(ScalesThatChange::new).build());
    assertThat(sync.onePass()).isTrue();
    sync.begin(0, 0);
    assertThat(sync.fixedScales()).containsExactly(1, 1);
    StepPartial summed = new StepPartial(new double[] {0.7, 0.5}, new float[before.length], null);
    assertThatThrownBy(() -> sync.apply(summed)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ScalesThatChange").hasMessageContaining("lossScalesBeforeLosses [1.0, 1.0]");
    assertThat(model.parameters().values()).containsExactly(before);
  }
}
