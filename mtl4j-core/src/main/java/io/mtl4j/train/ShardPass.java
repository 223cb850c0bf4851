package io.mtl4j.train;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.autodiff.Elementwise;
import io.mtl4j.autodiff.Var;
import io.mtl4j.data.Batch;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mode;
import io.mtl4j.task.LabelMask;
import io.mtl4j.task.Loss;
import io.mtl4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The local part of a step on one worker's rows of the batches: the forward pass and the backward passes a step mode
 * asks for, written only into this worker's own buffers (its gradient buffer, its task rows). A data-parallel
 * reduction of several shards is the global part's job ({@link StepReduce}); a Spark partition would run the same
 * passes on its rows.
 */
final class ShardPass {
  private final int worker;
  private final boolean countsPenalty;   // whether this shard adds the architecture's penalty (one shard per step)
  private final DataParallel parallel;
  private final MultiTaskModel model;
  private final Loss[] losses;
  private final double[] taskWeights;
  private final Graph graph;
  private final float[] gradients;       // [parameters], this worker's
  private final RowSparseGradients sparse;
  private final int shared;
  private final Var[] lossVars;          // [task], null where the shard has no rows of the task
  private Var penalty;                   // the architecture's regularization (worker 0) plus its batch penalties
  private Var representation;            // the shared cut of this shard, when asked for
  private final float[][] taskRows;      // [task][shared], only for parameter-gradient modes
  private final float[][] representationRows; // [task][rows·R], taken from the tape for one step

  ShardPass(int worker, DataParallel parallel, MultiTaskModel model, Loss[] losses, double[] taskWeights,
            boolean taskRows) {
    this(worker, worker == 0, parallel, model, losses, taskWeights, taskRows);
  }

  /**
   * @param countsPenalty whether this shard adds the parameter penalty: worker 0 in one JVM, partition 0 of a
   *                      cluster whose partitions are each worker 0 of their own pool
   */
  ShardPass(int worker, boolean countsPenalty, DataParallel parallel, MultiTaskModel model, Loss[] losses,
            double[] taskWeights, boolean taskRows) {
    this.worker = worker;
    this.countsPenalty = countsPenalty;
    this.parallel = parallel;
    this.model = model;
    this.losses = losses;
    this.taskWeights = taskWeights;
    this.gradients = new float[model.parameters().size()];
    this.graph = new Graph(model.parameters(), gradients);
    this.sparse = new RowSparseGradients(model.parameters());
    this.shared = model.parameters().sharedSize();
    this.lossVars = new Var[losses.length];
    this.taskRows = taskRows ? new float[losses.length][shared] : null;
    this.representationRows = new float[losses.length][0];
  }

  /**
   * Forwards this worker's rows of every batch, computing the task losses (means over each whole batch, from the
   * {@code denominators}) and, with {@code keepRepresentation}, the shared cut, in training epoch {@code epoch}.
   */
  void forward(Batch[] batches, double[] denominators, long dropoutStream, Mode mode, boolean keepRepresentation,
               int epoch) {
    Graph g = graph.begin(mode, new SplittableRandom(dropoutStream), epoch);
    Arrays.fill(lossVars, null);
    representation = null;
    penalty = null;
    // Tasks sharing one batch (single-input data) share one forward pass. Groups run in task order: the order of
    // the passes is the order gradients accumulate in, so it must not depend on identity hash codes.
    Map<Batch, List<Integer>> groups = new LinkedHashMap<>();
    for (int t = 0; t < batches.length; t++) {
      if (batches[t] != null) groups.computeIfAbsent(batches[t], b -> new ArrayList<>()).add(t);
    }
    for (Map.Entry<Batch, List<Integer>> group : groups.entrySet()) {
      Batch full = group.getKey();
      int[] bounds = parallel.split(full.rows());
      if (bounds[worker] == bounds[worker + 1]) continue;
      Batch shard = full.shard(bounds[worker], bounds[worker + 1]);
      int[] which = group.getValue().stream().mapToInt(Integer::intValue).toArray();
      MultiTaskModel.Output output = model.run(g, shard.features(), shard.groups(), which);
      if (keepRepresentation) representation = sharedCut(output);
      addBatchPenalty(output.representations().penalty(), full.rows());
      for (int t : which) {
        int label = shard.taskIndex(model.tasks().get(t).name());
        Var loss = losses[t].loss(output.logits()[t], shard.labels(label),
            new LabelMask(shard.mask(label), denominators[t]));
        // The task weight w_t scales the loss every weighting sees: the model trains on Σ w_t·L_t under EW.
        lossVars[t] = taskWeights[t] == 1.0 ? loss : Elementwise.scale(loss, (float) taskWeights[t]);
      }
    }
    // A parameter penalty counts once per step, not once per shard.
    if (countsPenalty && mode == Mode.TRAIN) add(model.architecture().regularization(g));
  }

  /** A pass's penalty is a sum over its rows: divided by the whole batch's rows, as a task loss's mean is. */
  private void addBatchPenalty(Var rowSum, int batchRows) {
    if (rowSum != null) add(Elementwise.scale(rowSum, 1f / batchRows));
  }

  private void add(Var term) {
    if (term != null) penalty = penalty == null ? term : Elementwise.add(penalty, term);
  }

  private Var sharedCut(MultiTaskModel.Output output) {
    Var cut = output.representations().shared();
    if (cut == null) {
      throw new IllegalStateException("architecture '" + model.spec().architecture().name() + "' declares a shared "
          + "cut (hasSharedCut) but its forward pass returned none");
    }
    return cut;
  }

  /** This shard's part of task t's loss (0 when it has no rows of the task). */
  double loss(int t) {
    return lossVars[t] == null ? 0 : lossVars[t].item();
  }

  /** One backward pass of Σ m_t·L_t (and the penalty) into a cleared gradient buffer. */
  void backwardCombined(double[] scales) {
    clearGradients();
    Map<Var, Tensor> seeds = new HashMap<>();
    for (int t = 0; t < lossVars.length; t++) {
      Var v = lossVars[t];
      if (v != null && v.requiresGrad()) seeds.put(v, Tensor.scalar((float) scales[t]));
    }
    if (penalty != null && penalty.requiresGrad()) seeds.put(penalty, Tensor.scalar(1f));
    if (!seeds.isEmpty()) graph.tape().backward(seeds, Set.of());
  }

  /**
   * One backward pass per task into a cleared buffer; the shared part of each is moved out as a row of G, heads
   * keep accumulating. With {@code clear} false, head gradients add to those of earlier passes (loss samples).
   */
  void backwardTasks(boolean clear) {
    if (clear) clearGradients();
    for (int t = 0; t < lossVars.length; t++) {
      Var v = lossVars[t];
      float[] row = taskRows[t];
      if (v != null && v.requiresGrad()) {
        graph.tape().backward(Map.of(v, Tensor.scalar(1f)), Set.of());
        System.arraycopy(gradients, 0, row, 0, shared);
        Arrays.fill(gradients, 0, shared, 0f);
      } else {
        Arrays.fill(row, 0f);
      }
    }
  }

  /** Per-task passes into a cleared buffer, then the penalty's: one step's parameter rows of G. */
  void backwardTasksAndPenalty() {
    backwardTasks(true);
    backwardPenalty();
  }

  /** The penalty's gradient is not a task's: it stays in the buffer (shared part included) with weight 1. */
  void backwardPenalty() {
    if (penalty != null && penalty.requiresGrad()) graph.tape().backward(Map.of(penalty, Tensor.scalar(1f)), Set.of());
  }

  /** One backward pass per task down to the shared cut (rows of G on the representation); heads accumulate. */
  void backwardToRepresentation() {
    clearGradients();
    for (int t = 0; t < lossVars.length; t++) {
      Var v = lossVars[t];
      if (representation == null) {
        representationRows[t] = new float[0];
        continue;
      }
      if (v != null && v.requiresGrad()) graph.tape().backward(Map.of(v, Tensor.scalar(1f)), Set.of(representation));
      // A task the pass did not reach gets zeros; either way the pooled array is the row itself, no copy.
      representationRows[t] = graph.tape().takeGrad(representation).data();
    }
    backwardPenalty();
  }

  /** Back-propagates Σ_t β_t·∂L_t/∂rep on this shard: backward is linear, so the shared part gets Σ_t β_t·g_t. */
  void backwardFromRepresentation(double[] beta) {
    if (representation == null || !representation.requiresGrad()) return;
    Tensor seed = graph.tape().alloc(representation.shape()); // every element is written below
    TaskGradientRows.combine(representationRows, beta, seed.data(), seed.offset());
    graph.tape().backwardFrom(representation, seed);
  }

  /** Back-propagates this shard's rows, from {@code offset}, of a combined representation gradient. */
  void backwardFromRepresentation(double[] combined, int offset) {
    if (representation == null || !representation.requiresGrad()) return;
    Tensor seed = graph.tape().alloc(representation.shape()); // every element is written below
    for (int i = 0; i < seed.size(); i++) seed.set(i, (float) combined[offset + i]);
    graph.tape().backwardFrom(representation, seed);
  }

  /** Zeroes this worker's gradient buffer; of a row-sparse table only the rows the last passes touched. */
  private void clearGradients() {
    if (sparse.any()) sparse.zero(gradients, graph.touchedRows());
    else Arrays.fill(gradients, 0f);
  }

  /** Rows of each row-sparse table this worker's gradient holds ({@link Graph#touchedRows()}). */
  io.mtl4j.autodiff.TouchedRows[] touchedRows() {
    return graph.touchedRows();
  }

  /** Multiplies this worker's gradient of every task-owned parameter by {@code scale}. */
  void scaleHeads(float scale) {
    for (int t = 0; t < lossVars.length; t++) {
      for (int[] r : model.parameters().rangesOwnedBy(t)) {
        for (int i = r[0]; i < r[1]; i++) gradients[i] *= scale;
      }
    }
  }

  float[] gradients() {
    return gradients;
  }

  /** The graph of this worker's last forward pass (its recorded batch statistics). */
  Graph graph() {
    return graph;
  }

  float[][] taskRows() {
    return taskRows;
  }

  float[][] representationRows() {
    return representationRows;
  }

  /** The shared cut's values on this shard, null when the shard has no rows. */
  Tensor representation() {
    return representation == null ? null : representation.value();
  }
}
