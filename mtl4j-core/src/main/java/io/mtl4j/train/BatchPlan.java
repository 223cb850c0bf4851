package io.mtl4j.train;

import io.mtl4j.data.AuxiliaryTargets;
import io.mtl4j.data.Batch;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.MultiInputData;
import io.mtl4j.data.Sampling;
import io.mtl4j.task.Task;
import io.mtl4j.tensor.Permutations;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The steps of one epoch: which batch each task trains on in each step. Single-input data gives every task the same
 * batch; multi-input data draws per-task batches by a {@link Sampling} policy.
 *
 * <p>A weighting with several loss samples per step (MoDo, SDMGrad: 3) makes a step draw that many consecutive
 * batches, each into its own buffers; the epoch still counts {@link #stepsPerEpoch()} optimizer steps and so reads
 * the data several times, reshuffling whenever a pass ends (LibMTL's epoch: {@code train_batch} steps drawing from
 * a loader that restarts when exhausted).
 */
abstract class BatchPlan implements AutoCloseable {
  abstract int stepsPerEpoch();

  /** Releases what the plan reads from (an open file); in-memory plans hold nothing. */
  @Override
  public void close() {}

  /** Whether every task's batch holds the same rows (single-input data): what representation gradients need. */
  abstract boolean sharesRows();

  /** Starts an epoch with a fresh seeded shuffle. */
  abstract void beginEpoch(SplittableRandom random);

  /**
   * Draws the targets of {@code tasks} that draw (masked tokens) anew from {@code seed} for the coming epoch, from the
   * data as given ({@link AuxiliaryTargets#redraw}); data without such targets stays the same object.
   */
  void drawTargets(List<Task> tasks, long seed) {}

  /** Fills the batches of the next step into {@code perTask} (model task order); null marks a task not trained. */
  final void next(Batch[] perTask) {
    next(perTask, 0);
  }

  /**
   * Draws the next batches into the buffers of loss sample {@code sample} (allocated on its first use), so the
   * batches of a step's samples are all alive at once.
   */
  final void next(Batch[] perTask, int sample) {
    advance(perTask, true, sample);
  }

  /**
   * Moves past {@code draws} draws without loading them: a resumed epoch continues at the same position (a step
   * with several loss samples counts one draw per sample).
   */
  final void skip(int draws, Batch[] scratch) {
    for (int i = 0; i < draws; i++) advance(scratch, false, 0);
  }

  abstract void advance(Batch[] perTask, boolean load, int sample);

  /** The buffers of one loss sample, grown on demand: a one-sample run allocates only sample 0's. */
  static <T> T[] grow(T[] buffers, int sample) {
    return sample < buffers.length ? buffers : java.util.Arrays.copyOf(buffers, sample + 1);
  }

  static int batches(int rows, int batchSize) {
    return (rows + batchSize - 1) / batchSize;
  }

  /**
   * The batch size actually used: at most {@code rows}. A larger one reads the same rows in the same order (one
   * batch of all rows), but would allocate buffers for rows that do not exist, and overflow ⌈rows / batch⌉.
   */
  static int capped(int batchSize, int rows) {
    return Math.max(1, Math.min(batchSize, rows));
  }

  /** Every task trains on the same rows. */
  static final class SingleInput extends BatchPlan {
    boolean sharesRows() {
      return true;
    }

    private final Dataset given;
    private Dataset data;
    private final int batchSize;
    private Batch[] batches; // [sample]
    private final boolean[] trained;
    private SplittableRandom random;
    private int[] order;
    private int cursor;

    SingleInput(Dataset data, int batchSize) {
      this(data, batchSize, null);
    }

    /** @param trained per model task, whether it trains (null: all); the others get no batch */
    SingleInput(Dataset data, int batchSize, boolean[] trained) {
      this.given = data;
      this.data = data;
      this.batchSize = capped(batchSize, data.rows());
      this.batches = new Batch[] {data.newBatch(this.batchSize)};
      this.trained = trained;
    }

    int stepsPerEpoch() {
      return batches(data.rows(), batchSize);
    }

    @Override
    void drawTargets(List<Task> tasks, long seed) {
      data = AuxiliaryTargets.redraw(given, tasks, seed);
    }

    void beginEpoch(SplittableRandom random) {
      this.random = random;
      order = Permutations.shuffled(data.rows(), random);
      cursor = 0;
    }

    void advance(Batch[] perTask, boolean load, int sample) {
      if (cursor >= order.length) { // only extra loss samples read past the end: a new pass in a new order
        order = Permutations.shuffled(data.rows(), random);
        cursor = 0;
      }
      batches = grow(batches, sample);
      if (batches[sample] == null) batches[sample] = data.newBatch(batchSize);
      Batch batch = batches[sample];
      int to = Math.min(order.length, cursor + batchSize);
      if (load) batch.load(data, order, cursor, to);
      cursor = to;
      for (int t = 0; t < perTask.length; t++) perTask[t] = trained == null || trained[t] ? batch : null;
    }
  }

  /** Each task has its own dataset; {@link Sampling} decides which tasks a step trains. */
  static final class MultiInput extends BatchPlan {
    boolean sharesRows() {
      return false;
    }

    private final Dataset[] given;
    private final Dataset[] data;
    private Batch[][] buffers; // [sample][task]
    private final int batchSize;
    private final Sampling sampling;
    private final int[][] orders;
    private final int[] cursors;
    private SplittableRandom random;
    private int turn;

    MultiInput(MultiInputData input, List<String> taskOrder, int batchSize, Sampling sampling) {
      int tasks = taskOrder.size();
      this.data = new Dataset[tasks];
      this.buffers = new Batch[1][tasks];
      int rows = 0;
      for (int t = 0; t < tasks; t++) {
        data[t] = input.get(taskOrder.get(t));
        rows = Math.max(rows, data[t].rows());
      }
      this.given = data.clone();
      this.batchSize = capped(batchSize, rows);
      for (int t = 0; t < tasks; t++) buffers[0][t] = buffer(t);
      this.sampling = sampling;
      this.orders = new int[tasks][];
      this.cursors = new int[tasks];
    }

    int stepsPerEpoch() {
      int max = 0, sum = 0;
      for (Dataset d : data) {
        max = Math.max(max, batches(d.rows(), batchSize));
        sum += batches(d.rows(), batchSize);
      }
      return sampling == Sampling.CYCLE ? max : sum;
    }

    @Override
    void drawTargets(List<Task> tasks, long seed) {
      for (int t = 0; t < data.length; t++) data[t] = AuxiliaryTargets.redraw(given[t], tasks, seed);
    }

    void beginEpoch(SplittableRandom random) {
      this.random = random;
      for (int t = 0; t < data.length; t++) {
        orders[t] = Permutations.shuffled(data[t].rows(), random);
        cursors[t] = 0;
      }
      turn = 0;
    }

    void advance(Batch[] perTask, boolean load, int sample) {
      java.util.Arrays.fill(perTask, null);
      buffers = grow(buffers, sample);
      if (buffers[sample] == null) buffers[sample] = new Batch[data.length];
      Batch[] into = buffers[sample];
      switch (sampling) {
        case CYCLE -> {
          for (int t = 0; t < data.length; t++) perTask[t] = draw(t, load, into);
        }
        case ROUND_ROBIN -> {
          int t = nextInTurn();
          perTask[t] = draw(t, load, into);
        }
        case PROPORTIONAL -> {
          int t = proportional();
          perTask[t] = draw(t, load, into);
        }
      }
    }

    private int nextInTurn() {
      for (int k = 0; k < data.length; k++) {
        int t = (turn + k) % data.length;
        if (cursors[t] < orders[t].length) {
          turn = t + 1;
          return t;
        }
      }
      int t = turn % data.length; // all exhausted: cycling starts over
      turn = t + 1;
      return t;
    }

    private int proportional() {
      long total = 0;
      for (Dataset d : data) total += d.rows();
      long pick = random.nextLong(total);
      for (int t = 0; t < data.length; t++) {
        pick -= data[t].rows();
        if (pick < 0) return t;
      }
      return data.length - 1;
    }

    /** A batch buffer for task t: no task's batch holds more than its rows. */
    private Batch buffer(int t) {
      return data[t].newBatch(capped(batchSize, data[t].rows()));
    }

    /** The next batch of task t; an exhausted task is reshuffled and starts over (cycling the shorter ones). */
    private Batch draw(int t, boolean load, Batch[] into) {
      if (cursors[t] >= orders[t].length) {
        orders[t] = Permutations.shuffled(data[t].rows(), random);
        cursors[t] = 0;
      }
      if (into[t] == null) into[t] = buffer(t);
      int to = Math.min(orders[t].length, cursors[t] + batchSize);
      if (load) into[t].load(data[t], orders[t], cursors[t], to);
      cursors[t] = to;
      return into[t];
    }
  }
}
