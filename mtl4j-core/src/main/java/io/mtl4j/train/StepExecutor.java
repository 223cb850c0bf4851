package io.mtl4j.train;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.config.Registry;
import io.mtl4j.data.Batch;
import io.mtl4j.nn.Mode;
import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.optim.GradClip;
import io.mtl4j.optim.Optimizer;
import io.mtl4j.task.Loss;
import io.mtl4j.task.Losses;
import io.mtl4j.weighting.StepWeights;
import io.mtl4j.weighting.Weighting;
import io.mtl4j.weighting.Weighting.Needs;
import io.mtl4j.weighting.Weighting.Requirements;

/**
 * One optimizer step, data-parallel, read top to bottom in {@link #step}: draw the batches, run the {@link StepMode}
 * chosen once from the weighting's requirements (local part per shard, reduction in worker order, the weighting once
 * on the reduced quantities), then clip and update. A seed and a thread count give bit-identical weights.
 */
final class StepExecutor {
  private final Weighting weighting;
  private final Requirements requirements;
  private final Shards shards;
  private final StepReduce reduce;
  private final StepContext context;
  private final ParameterUpdate update;
  private final StepMode mode;
  private final StepMode plainSum;  // for a step in which some task has no batch: the weighting is bypassed
  private final Batch[][] drawn;    // [sample][task]
  private final ParameterBuffer parameters;

  /** With the built-in losses. */
  StepExecutor(MultiTaskModel model, Weighting weighting, DataParallel parallel, Optimizer optimizer,
               Optimizer learnableOptimizer, double gradClipNorm, long seed, double[][] lossHistory,
               FrozenParameters frozen, boolean representationGradients, boolean sharedRows) {
    this(model, weighting, parallel, optimizer, learnableOptimizer, gradClipNorm, seed, lossHistory, frozen,
        representationGradients, sharedRows, Losses.defaults());
  }

  /**
   * @param representationGradients training.representationGradients
   * @param sharedRows              every task trains on the same rows (single-input data)
   * @param losses                  binds the tasks' loss names (training.losses)
   */
  StepExecutor(MultiTaskModel model, Weighting weighting, DataParallel parallel, Optimizer optimizer,
               Optimizer learnableOptimizer, double gradClipNorm, long seed, double[][] lossHistory,
               FrozenParameters frozen, boolean representationGradients, boolean sharedRows,
               Registry<Loss> losses) {
    this.weighting = weighting;
    this.requirements = weighting.requirements();
    if (requirements == null) {
      throw new IllegalArgumentException("weighting '" + weighting.getClass().getSimpleName() + "': requirements() "
          + "returned null; declare what it needs, e.g. Weighting.Requirements.LOSSES");
    }
    int tasks = model.tasks().size();
    boolean parameterRows = requirements.needs() == Needs.SHARED_PARAM_GRADS && !representationGradients;
    if (parameterRows) refuseSharedRowSparse(model, weighting);
    this.shards = new Shards(model, parallel, seed, parameterRows, losses);
    this.reduce = new StepReduce(shards, model.parameters());
    this.context = new StepContext(model.parameters(), seed, lossHistory, tasks, requirements.lossSamples(),
        rowWidth(model, representationGradients));
    this.update = new ParameterUpdate(model.parameters(), frozen, gradClipNorm, weighting.learnable(tasks), optimizer,
        learnableOptimizer, parallel);
    this.mode = StepMode.choose(requirements, representationGradients, model.hasSharedCut(),
        sharedRows, new StepMode.Parts(shards, reduce, context, weighting));
    this.plainSum = new CombinedLossStep(new StepMode.Parts(shards, reduce, context, null));
    this.drawn = new Batch[mode.samples()][tasks];
    this.parameters = model.parameters();
  }

  /**
   * Per-task gradients of the shared parameters are dense rows of G [T, d]: for a shared row-sparse table they would
   * cost the whole table per task and step, which is what declaring it row-sparse avoids. Such a weighting runs on
   * the shared representation instead (training.representationGradients): the weighting combines the per-task
   * gradients of the shared cut, and the table, below the cut, gets the combination through back-propagation.
   */
  private static void refuseSharedRowSparse(MultiTaskModel model, Weighting weighting) {
    for (io.mtl4j.nn.Parameter p : model.parameters().rowSparse()) {
      if (!p.shared()) continue;
      throw new IllegalArgumentException("training.weighting '" + weighting.getClass().getSimpleName() + "' combines "
          + "per-task gradients of the shared parameters, but the shared table '" + p.name() + "' is row-sparse "
          + "(only touched rows per step); set training.representationGradients: true to weight the gradients of the "
          + "shared representation instead, or use a loss weighting (ew, uw, dwa, …)");
    }
  }

  /** Width of the rows of G the context holds in double: none for losses and stand-ins, set per step on a cut. */
  private int rowWidth(MultiTaskModel model, boolean representationGradients) {
    if (requirements.needs() == Needs.LOSSES) return -1;
    if (requirements.needs() == Needs.REPRESENTATION_GRADS || representationGradients) {
      return requirements.innerProductsOnly() ? -1 : 0;
    }
    boolean standIns = requirements.innerProductsOnly() && requirements.lossSamples() == 1;
    return standIns ? -1 : model.parameters().sharedSize();
  }

  /** Draws the step's batches, trains one step, and says what it did. */
  StepRecord step(BatchPlan plan, int epoch, long step) {
    // All samples are drawn first: a step consumes the same draws however it ends (skip, rollback, resume).
    for (int k = 0; k < drawn.length; k++) plan.next(drawn[k], k);
    boolean complete = shards.use(drawn[0]);
    context.begin(epoch, step);
    StepMode.Outcome outcome = (complete ? mode : plainSum).run(drawn, epoch, step);
    float[] gradient = reduce.gradient();
    int[][] support = reduce.support();
    double rate = update.optimizer().learningRate();
    double sharedNorm;
    if (support == null) {
      sharedNorm = GradClip.norm(gradient, 0, reduce.sharedSize());
      update.apply(gradient, null, epoch, step);
    } else {
      // Both norms in one pass over the touched rows: the same floats as two passes (GradClip.prefixAndTotalNorm).
      double[] norms = GradClip.prefixAndTotalNorm(gradient, reduce.sharedSize(), support);
      sharedNorm = norms[0];
      update.apply(gradient, support, norms[1], epoch, step);
    }
    // Before any evaluation pass below begins new graphs: a multi-sample step keeps its last sample's statistics.
    shards.applyRunningStatistics(parameters);
    if (complete && requirements.lossesAfterStep()) {
      shards.use(drawn[0]);
      shards.forward(epoch, step, 0, Mode.EVAL, false);
      weighting.afterStep(shards.losses().clone());
    }
    return new StepRecord(epoch, step + 1, outcome.losses(), applied(outcome), sharedNorm, rate);
  }

  /** The weights a step applied: what the method reports, else its loss scales (ones when it gave none). */
  private static double[] applied(StepMode.Outcome outcome) {
    StepWeights weights = outcome.weights();
    double[] reported = weights == null ? null : weights.reported();
    return (reported != null ? reported : outcome.scales()).clone();
  }

  /** Swaps in new optimizers (a rollback lowers the learning rate); their state is restored separately. */
  void setOptimizers(Optimizer model, Optimizer learnableOptimizer) {
    update.setOptimizers(model, learnableOptimizer);
  }

  Optimizer optimizer() {
    return update.optimizer();
  }

  Optimizer learnableOptimizer() {
    return update.learnableOptimizer();
  }

  /** The weighting's learnable values (empty for most methods). */
  double[] learnableValues() {
    return update.learnable().values().clone();
  }

  void setLearnableValues(double[] values) {
    update.learnable().setValues(values);
  }
}
