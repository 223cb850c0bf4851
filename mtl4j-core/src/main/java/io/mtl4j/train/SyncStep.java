package io.mtl4j.train;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.optim.OptimizerState;
import io.mtl4j.tensor.Permutations;
import io.mtl4j.weighting.GramStandIn;
import io.mtl4j.weighting.StepWeights;
import io.mtl4j.weighting.Weighting;
import io.mtl4j.weighting.Weighting.Needs;
import io.mtl4j.weighting.Weighting.Requirements;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The global part of synchronous data-parallel training on a cluster, run once per step on the driver: the
 * weighting on the partitions' summed {@link StepPartial}s (each task's gradient summed across partitions on its own,
 * so gradient weightings stay exact), then clipping and the optimizer, as {@link StepExecutor} does in one JVM. The
 * batches are those of the single-JVM trainer ({@link #epochOrder}); only float rounding of the sums differs.
 *
 * <p>A step: {@link #begin}; for a loss weighting a forward-only pass whose sum goes to {@link #scales}, then a
 * {@link PartitionPass#combined} pass (one combined pass with {@link #fixedScales} when {@link #onePass()});
 * otherwise one {@link PartitionPass#taskRows} pass; {@link #apply} of the sum; and, when
 * {@link #lossesAfterStep()}, an evaluation forward pass of the new parameters for {@link #afterStep}.
 */
public final class SyncStep {
  /** Which backward pass the partitions run. */
  public enum Pass { COMBINED, TASK_ROWS }

  private final MultiTaskModel model;
  private final Weighting weighting;
  private final Requirements requirements;
  private final StepContext context;
  private final ParameterUpdate update;
  private final double[][] lossHistory;
  private final EpochMeans epochLosses;
  private final int tasks;
  /** Whether the weighting gives its loss scales before the step's losses ({@link #onePass()}). */
  private final boolean scalesBeforeLosses;
  private StepWeights weights;
  /** The scales the one combined pass ran with, when the weighting combines after it. */
  private double[] scalesAhead;
  private double[] losses;
  private int epoch;
  private long step;

  /** @throws IllegalArgumentException for what a cluster step does not support yet, naming the setting */
  public SyncStep(MultiTaskModel model, TrainingConfig config) {
    this.model = model;
    this.weighting = config.newWeighting();
    this.requirements = weighting.requirements();
    this.tasks = model.tasks().size();
    refuseUnsupported(model, config);
    ParameterBuffer buffer = model.parameters();
    this.lossHistory = new double[tasks][config.epochs()];
    this.epochLosses = new EpochMeans(tasks);
    boolean rows = requirements.needs() == Needs.SHARED_PARAM_GRADS && !requirements.innerProductsOnly();
    this.context = new StepContext(buffer, config.seed(), lossHistory, tasks, 1, rows ? buffer.sharedSize() : -1);
    // As the trainer's first run: learning rate × 1, the schedule as configured.
    this.update = new ParameterUpdate(buffer, FrozenParameters.resolve(model, config.frozen()), config.gradClipNorm(),
        weighting.learnable(tasks), config.newOptimizer(config.schedule()), config.newOptimizer(config.schedule()));
    this.scalesBeforeLosses = lossesFirst() && weighting.lossScalesBeforeLosses(tasks) != null;
  }

  private void refuseUnsupported(MultiTaskModel model, TrainingConfig config) {
    String name = "training.weighting '" + config.weighting().name() + "'";
    if (requirements.lossSamples() > 1) {
      throw new IllegalArgumentException(name + " draws " + requirements.lossSamples() + " loss samples per step, "
          + "which cluster training does not support yet; train it in one JVM");
    }
    if (requirements.needs() == Needs.REPRESENTATION_GRADS || config.representationGradients()) {
      throw new IllegalArgumentException(name + ": gradients of the shared representation are not supported on a "
          + "cluster yet; use gradients of the shared parameters (training.representationGradients: false)");
    }
    if (!model.parameters().rowSparse().isEmpty()) {
      throw new IllegalArgumentException("the model's row-sparse table '" + model.parameters().rowSparse().get(0)
          .name() + "' is not supported by cluster training yet; train it in one JVM");
    }
  }

  /** The order in which epoch {@code epoch} reads {@code rows} rows: the single-JVM trainer's shuffle. */
  public static int[] epochOrder(long seed, int epoch, int rows) {
    return Permutations.shuffled(rows, new SplittableRandom(StepStreams.mix(seed, epoch, StepStreams.SHUFFLE)));
  }

  /** Rows per batch over {@code rows} rows: training.batchSize, at most the rows there are. */
  public static int batchRows(int batchSize, int rows) {
    return BatchPlan.capped(batchSize, rows);
  }

  /** Whether the weighting reads this step's losses before the backward pass (a forward-only pass comes first). */
  public boolean lossesFirst() {
    return requirements.needs() == Needs.LOSSES;
  }

  /**
   * Whether the step needs one pass only: a loss weighting that does not read the losses
   * ({@link Weighting#readsLosses()}), or whose loss scales do not depend on them
   * ({@link Weighting#lossScalesBeforeLosses}), gets its scales before the combined pass ({@link #fixedScales}), whose
   * partial carries the same losses a forward-only pass would have computed.
   */
  public boolean onePass() {
    return lossesFirst() && (!weighting.readsLosses() || scalesBeforeLosses);
  }

  /**
   * The loss scales of a {@link #onePass()} weighting, before this step's pass: from {@link Weighting#combine} when
   * it does not read the losses, else from {@link Weighting#lossScalesBeforeLosses} (combined in {@link #apply}).
   */
  public double[] fixedScales() {
    if (!onePass()) throw new IllegalStateException("fixedScales: the weighting reads this step's losses (scales)");
    if (!weighting.readsLosses()) {
      weights = weighting.combine(context);
      return StepMode.scales(weights, tasks);
    }
    scalesAhead = weighting.lossScalesBeforeLosses(tasks).clone();
    return scalesAhead.clone();
  }

  public Pass pass() {
    return lossesFirst() ? Pass.COMBINED : Pass.TASK_ROWS;
  }

  /** Whether the weighting looks at the losses of the updated parameters ({@link #afterStep}). */
  public boolean lossesAfterStep() {
    return requirements.lossesAfterStep();
  }

  /** Starts step {@code step} (counting from 0 over the run) of epoch {@code epoch}. */
  public void begin(int epoch, long step) {
    this.epoch = epoch;
    this.step = step;
    this.weights = null;
    this.scalesAhead = null;
    context.begin(epoch, step);
  }

  /** The loss scales m of a loss weighting, from the summed forward-only partial of this step. */
  public double[] scales(StepPartial summed) {
    useLosses(summed.losses());
    weights = weighting.combine(context);
    return StepMode.scales(weights, tasks);
  }

  /**
   * Applies the summed partial of the step's backward pass: the weighting (per-task passes), then clipping and the
   * optimizer on the model's parameters. Returns the step's per-task losses.
   *
   * @throws NonFiniteLossException before anything changes, when a loss or the gradient is not finite
   */
  public double[] apply(StepPartial summed) {
    float[] gradient = summed.gradient().clone();
    if (summed.taskRows() == null) {
      if (!lossesFirst()) throw new IllegalArgumentException("apply: a per-task pass was expected (pass())");
      if (onePass()) {
        useLosses(summed.losses());
        if (weights == null) combineAfterPass();
      }
    } else {
      useLosses(summed.losses());
      combineShared(summed.taskRows(), gradient);
    }
    update.apply(gradient, null, epoch, step);
    epochLosses.add(losses);
    return losses.clone();
  }

  /** Hands the summed evaluation losses of the updated parameters to the weighting. */
  public void afterStep(StepPartial summed) {
    weighting.afterStep(summed.losses().clone());
  }

  /** The model optimizer's step count and state arrays: model averaging carries them from round to round. */
  public OptimizerState optimizerState() {
    return update.optimizer().state();
  }

  /** Continues from {@code state} (exported by {@link #optimizerState} of a step with the same config). */
  public void restoreOptimizer(OptimizerState state) {
    update.optimizer().restore(state);
  }

  /**
   * What a later run of steps needs from this one when it starts a fresh {@code SyncStep} elsewhere (a barrier stage
   * per epoch): the optimizer's state, the weighting's state and the epochs' mean losses. Learnable weighting
   * parameters are not carried; callers refuse such weightings.
   */
  public record Carried(OptimizerState optimizer, Map<String, double[]> weighting, double[][] lossHistory)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  public Carried carried() {
    double[][] history = new double[tasks][];
    for (int t = 0; t < tasks; t++) history[t] = lossHistory[t].clone();
    return new Carried(optimizerState(), new LinkedHashMap<>(weighting.state()), history);
  }

  /** Continues exactly where the step that exported {@code carried} (same model and config) stopped. */
  public void resume(Carried carried) {
    restoreOptimizer(carried.optimizer());
    weighting.restoreState(carried.weighting());
    for (int t = 0; t < tasks; t++) {
      System.arraycopy(carried.lossHistory()[t], 0, lossHistory[t], 0, lossHistory[t].length);
    }
  }

  /** Ends an epoch: its mean losses become the weighting's loss history (DWA); returns them [T]. */
  public double[] endEpoch() {
    double[] means = epochLosses.means();
    for (int t = 0; t < tasks; t++) lossHistory[t][epoch] = means[t];
    epochLosses.reset();
    return means.clone();
  }

  /** The weighting's one combine of a step whose scales it gave before the losses; they must be the ones used. */
  private void combineAfterPass() {
    if (scalesAhead == null) throw new IllegalStateException("apply: fixedScales() was not called for this step");
    weights = weighting.combine(context);
    double[] used = StepMode.scales(weights, tasks);
    if (!Arrays.equals(used, scalesAhead)) {
      throw new IllegalStateException(weighting.getClass().getSimpleName() + ": combine returned the loss scales "
          + Arrays.toString(used) + ", but the step's pass ran with lossScalesBeforeLosses "
          + Arrays.toString(scalesAhead));
    }
  }

  private void useLosses(double[] summed) {
    for (int t = 0; t < tasks; t++) {
      if (!Double.isFinite(summed[t])) {
        throw new NonFiniteLossException(model.tasks().get(t).name(), epoch, step, summed[t]);
      }
    }
    losses = summed.clone();
    context.setLosses(0, losses);
  }

  /**
   * The shared part of {@code gradient} := the weighting's combination of the summed task rows + what the partials
   * left there (a penalty's gradient); heads × their loss scales. As {@link TaskGradientStep} and
   * {@link GramStandInStep} do with the rows of their shards.
   */
  private void combineShared(float[][] rows, float[] gradient) {
    int shared = model.parameters().sharedSize();
    float[] combined = new float[shared];
    if (requirements.innerProductsOnly()) {
      double[][] partial = new double[tasks][tasks];
      TaskGradientRows.gram(rows, 0, shared, partial);
      GramStandIn standIn = new GramStandIn(context, StepReduce.symmetric(new double[][][] {partial}));
      weights = weighting.combine(standIn);
      TaskGradientRows.combine(rows, standIn.coefficients(), combined, 0);
    } else {
      double[][] g = context.rows(0);
      for (int t = 0; t < tasks; t++) {
        for (int i = 0; i < shared; i++) g[t][i] = rows[t][i];
      }
      weights = weighting.combine(context);
      double[] c = context.sharedGradient();
      for (int i = 0; i < shared; i++) combined[i] = (float) c[i];
    }
    for (int i = 0; i < shared; i++) gradient[i] = combined[i] + gradient[i];
    StepReduce.scaleHeads(model.parameters(), gradient, StepMode.scales(weights, tasks));
  }
}
