package io.mtl4j.train;

import io.mtl4j.data.Batch;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.MultiInputData;
import io.mtl4j.data.Sampling;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The steps of one epoch: which batch each task trains on in each step. Single-input data gives every task the same
 * batch; multi-input data draws per-task batches by a {@link Sampling} policy.
 */
abstract class BatchPlan {
  abstract int stepsPerEpoch();

  /** Starts an epoch with a fresh seeded shuffle. */
  abstract void beginEpoch(SplittableRandom random);

  /** Fills the batches of the next step into {@code perTask} (model task order); null marks a task not trained. */
  final void next(Batch[] perTask) {
    advance(perTask, true);
  }

  /** Moves past {@code steps} steps without loading them: a resumed epoch continues at the same position. */
  final void skip(int steps, Batch[] scratch) {
    for (int i = 0; i < steps; i++) advance(scratch, false);
  }

  abstract void advance(Batch[] perTask, boolean load);

  static int[] shuffled(int n, SplittableRandom random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    return order;
  }

  static int batches(int rows, int batchSize) {
    return (rows + batchSize - 1) / batchSize;
  }

  /** Every task trains on the same rows. */
  static final class SingleInput extends BatchPlan {
    private final Dataset data;
    private final int batchSize;
    private final Batch batch;
    private final boolean[] trained;
    private int[] order;
    private int cursor;

    SingleInput(Dataset data, int batchSize) {
      this(data, batchSize, null);
    }

    /** @param trained per model task, whether it trains (null: all); the others get no batch */
    SingleInput(Dataset data, int batchSize, boolean[] trained) {
      this.data = data;
      this.batchSize = batchSize;
      this.batch = data.newBatch(batchSize);
      this.trained = trained;
    }

    int stepsPerEpoch() {
      return batches(data.rows(), batchSize);
    }

    void beginEpoch(SplittableRandom random) {
      order = shuffled(data.rows(), random);
      cursor = 0;
    }

    void advance(Batch[] perTask, boolean load) {
      if (cursor >= order.length) cursor = 0; // extra loss samples past the end wrap to the start
      int to = Math.min(order.length, cursor + batchSize);
      if (load) batch.load(data, order, cursor, to);
      cursor = to;
      for (int t = 0; t < perTask.length; t++) perTask[t] = trained == null || trained[t] ? batch : null;
    }
  }

  /** Each task has its own dataset; {@link Sampling} decides which tasks a step trains. */
  static final class MultiInput extends BatchPlan {
    private final Dataset[] data;
    private final Batch[] buffers;
    private final int batchSize;
    private final Sampling sampling;
    private final int[][] orders;
    private final int[] cursors;
    private SplittableRandom random;
    private int turn;

    MultiInput(MultiInputData input, List<String> taskOrder, int batchSize, Sampling sampling) {
      int tasks = taskOrder.size();
      this.data = new Dataset[tasks];
      this.buffers = new Batch[tasks];
      for (int t = 0; t < tasks; t++) {
        data[t] = input.get(taskOrder.get(t));
        buffers[t] = data[t].newBatch(batchSize);
      }
      this.batchSize = batchSize;
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

    void beginEpoch(SplittableRandom random) {
      this.random = random;
      for (int t = 0; t < data.length; t++) {
        orders[t] = shuffled(data[t].rows(), random);
        cursors[t] = 0;
      }
      turn = 0;
    }

    void advance(Batch[] perTask, boolean load) {
      java.util.Arrays.fill(perTask, null);
      switch (sampling) {
        case CYCLE -> {
          for (int t = 0; t < data.length; t++) perTask[t] = draw(t, load);
        }
        case ROUND_ROBIN -> {
          int t = nextInTurn();
          perTask[t] = draw(t, load);
        }
        case PROPORTIONAL -> {
          int t = proportional();
          perTask[t] = draw(t, load);
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

    /** The next batch of task t; an exhausted task is reshuffled and starts over (cycling the shorter ones). */
    private Batch draw(int t, boolean load) {
      if (cursors[t] >= orders[t].length) {
        orders[t] = shuffled(data[t].rows(), random);
        cursors[t] = 0;
      }
      int to = Math.min(orders[t].length, cursors[t] + batchSize);
      if (load) buffers[t].load(data[t], orders[t], cursors[t], to);
      cursors[t] = to;
      return buffers[t];
    }
  }
}
