package io.mtl4j.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The threads an optimizer step may split its elementwise loop over: the trainer's data-parallel pool, seen from
 * here. Every element's update reads only its own value, gradient and state, so the floats never depend on the
 * split.
 */
public interface Workers {
  /** One worker, the calling thread. */
  Workers SERIAL = new Workers() {
    @Override
    public int count() {
      return 1;
    }

    @Override
    public void run(IntConsumer work) {
      work.accept(0);
    }
  };

  /** Number of workers, at least 1. */
  int count();

  /** Calls {@code work(w)} for every worker w in [0, count()) and waits for all of them. */
  void run(IntConsumer work);

  /**
   * Cuts the ascending disjoint {@code ranges} into {@code parts} runs of (nearly) equal element counts, in order:
   * part p holds the elements numbered [total·p/parts, total·(p+1)/parts) of their concatenation.
   */
  static int[][][] split(int[][] ranges, int parts) {
    long total = 0;
    for (int[] r : ranges) total += r[1] - r[0];
    int[][][] out = new int[parts][][];
    int index = 0, at = ranges.length == 0 ? 0 : ranges[0][0];
    for (int p = 0; p < parts; p++) {
      long want = total * (p + 1) / parts - total * p / parts;
      List<int[]> part = new ArrayList<>();
      while (want > 0) {
        int take = (int) Math.min(want, ranges[index][1] - at);
        part.add(new int[] {at, at + take});
        want -= take;
        at += take;
        if (at == ranges[index][1] && ++index < ranges.length) at = ranges[index][0];
      }
      out[p] = part.toArray(new int[0][]);
    }
    return out;
  }
}
