package io.mtl4j.train;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.config.Registry;
import io.mtl4j.data.Batch;
import io.mtl4j.nn.Mode;
import io.mtl4j.task.Loss;
import io.mtl4j.task.Task;
import java.util.Arrays;

/**
 * The local part of a synchronous data-parallel step on one partition of a cluster: this partition's rows of the
 * global batch, forwarded and back-propagated by the same {@link ShardPass} a single-JVM worker uses, returned as a
 * {@link StepPartial}. {@link SyncStep} says which pass a step needs and applies the sum of all partitions' partials.
 * One instance per partition and step: it holds the gradient buffers of one pass.
 */
public final class PartitionPass {
  private final ShardPass pass;
  private final int tasks;
  private final int partition;
  private final long seed;

  /**
   * @param model     the model with the step's parameters (as broadcast by the driver)
   * @param seed      the run's seed (training.seed): dropout streams are split from it per step and partition
   * @param partition this partition's index; partition 0 adds the architecture's parameter penalty, once per step
   * @param taskRows  whether {@link #taskRows} will be called (allocates [T][d])
   * @param losses    binds the tasks' loss names (training.losses)
   */
  public PartitionPass(MultiTaskModel model, long seed, int partition, boolean taskRows, Registry<Loss> losses) {
    this(model, seed, partition, partition == 0, taskRows, losses);
  }

  /**
   * As above, saying whether this pass adds the architecture's parameter penalty: model averaging's partitions each
   * take whole local steps, so every one of them adds it.
   */
  public PartitionPass(MultiTaskModel model, long seed, int partition, boolean addsPenalty, boolean taskRows,
                       Registry<Loss> losses) {
    this.tasks = model.tasks().size();
    Loss[] bound = new Loss[tasks];
    double[] weights = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      Task task = model.tasks().get(t);
      bound[t] = task.newLoss(losses);
      weights[t] = task.weight();
    }
    // A pool of one: worker 0 takes every row of this partition's batch, on the calling thread.
    this.pass = new ShardPass(0, addsPenalty, new DataParallel(1), model, bound, weights, taskRows);
    this.partition = partition;
    this.seed = seed;
  }

  /** Forward only: this partition's part of each task loss ({@code train}: training mode, else evaluation). */
  public StepPartial losses(Batch batch, double[] denominators, long step, boolean train) {
    forward(batch, denominators, step, train ? Mode.TRAIN : Mode.EVAL);
    return new StepPartial(losses(), null, null);
  }

  /** Forward and one backward pass of Σ_t m_t·L_t (loss weightings: {@code scales} from {@link SyncStep#scales}). */
  public StepPartial combined(Batch batch, double[] denominators, long step, double[] scales) {
    forward(batch, denominators, step, Mode.TRAIN);
    pass.backwardCombined(scales);
    return new StepPartial(losses(), pass.gradients().clone(), null);
  }

  /** Forward and one backward pass per task: rows of G of the shared parameters, heads' and penalty's gradients. */
  public StepPartial taskRows(Batch batch, double[] denominators, long step) {
    forward(batch, denominators, step, Mode.TRAIN);
    pass.backwardTasksAndPenalty();
    float[][] rows = new float[tasks][];
    for (int t = 0; t < tasks; t++) rows[t] = pass.taskRows()[t].clone();
    return new StepPartial(losses(), pass.gradients().clone(), rows);
  }

  private void forward(Batch batch, double[] denominators, long step, Mode mode) {
    if (denominators.length != tasks) {
      throw new IllegalArgumentException("denominators: " + denominators.length + " values for " + tasks + " tasks");
    }
    Batch[] perTask = new Batch[tasks];
    Arrays.fill(perTask, batch);
    // A partition is not told its epoch: MultiTaskParams refuses the architecture with an epoch schedule (ltb).
    pass.forward(perTask, denominators, StepStreams.dropout(seed, step, partition, 0), mode, false, 0);
  }

  private double[] losses() {
    double[] out = new double[tasks];
    for (int t = 0; t < tasks; t++) out[t] = pass.loss(t);
    return out;
  }
}
