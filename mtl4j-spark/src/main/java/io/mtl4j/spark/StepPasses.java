package io.mtl4j.spark;

import io.mtl4j.data.Batch;
import io.mtl4j.train.PartitionPass;
import io.mtl4j.train.StepPartial;
import io.mtl4j.train.SyncStep;

/**
 * The passes of one step and the order {@link SyncStep} asks for them, written once: a synchronous step runs each
 * pass on every partition and sums the partials ({@link SyncTraining}); a model-averaging partition runs them on its
 * own rows only ({@link ModelAveraging}).
 */
final class StepPasses {
  private StepPasses() {}

  /** The passes a partition runs. */
  enum Kind {
    LOSSES_TRAIN, LOSSES_EVAL, COMBINED, TASK_ROWS;

    StepPartial run(PartitionPass pass, Batch batch, double[] denominators, long step, double[] scales) {
      return switch (this) {
        case LOSSES_TRAIN -> pass.losses(batch, denominators, step, true);
        case LOSSES_EVAL -> pass.losses(batch, denominators, step, false);
        case COMBINED -> pass.combined(batch, denominators, step, scales);
        case TASK_ROWS -> pass.taskRows(batch, denominators, step);
      };
    }
  }

  /** Runs one pass and returns its partial (summed over the partitions that took part). */
  interface Runner {
    StepPartial run(Kind kind, double[] scales);
  }

  /**
   * One step: a loss weighting reads a forward-only pass before one combined backward pass (one combined pass alone
   * when its scales do not read the losses), the others one per-task pass; the update; then, for weightings that look
   * back, an evaluation pass of the updated parameters.
   */
  static void step(SyncStep sync, int epoch, long step, Runner runner) {
    sync.begin(epoch, step);
    StepPartial summed;
    if (sync.onePass()) {
      summed = runner.run(Kind.COMBINED, sync.fixedScales());
    } else if (sync.lossesFirst()) {
      double[] scales = sync.scales(runner.run(Kind.LOSSES_TRAIN, null));
      summed = runner.run(Kind.COMBINED, scales);
    } else {
      summed = runner.run(Kind.TASK_ROWS, null);
    }
    sync.apply(summed);
    if (sync.lossesAfterStep()) sync.afterStep(runner.run(Kind.LOSSES_EVAL, null));
  }
}
