package io.mtl4j.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The part every optimizer shares: a step counter and named state arrays sized to the parameter buffer, allocated
 * once on the first step, plus range checks and export/import for checkpoints.
 */
final class FlatState {
  private final String optimizer;
  private final List<String> names;
  private float[][] arrays = new float[0][];
  private int length = -1; // parameter-buffer length, fixed by the first step or a restore
  private long steps;

  FlatState(String optimizer, String... names) {
    this.optimizer = optimizer;
    this.names = List.of(names);
  }

  /** Checks the arguments of a step (ranges disjoint, ascending, inside both arrays) and allocates the state. */
  void prepare(float[] params, float[] grads, int[][] ranges) {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(grads, "grads");
    int previous = 0;
    for (int[] range : ranges) {
      int from = range[0], to = range[1];
      if (from < previous || from > to || to > params.length) {
        throw new IllegalArgumentException(String.format("%s.step: range [from, to) = [%d, %d) is not inside params "
            + "of length %d after the previous range's end %d", optimizer, from, to, params.length, previous));
      }
      if (grads.length < to) {
        throw new IllegalArgumentException(String.format(
            "%s.step: grads has length %d, expected at least to = %d", optimizer, grads.length, to));
      }
      previous = to;
    }
    if (length < 0) {
      allocate(params.length);
    } else if (params.length != length) {
      throw new IllegalArgumentException(String.format(
          "%s.step: params has length %d but the optimizer state was sized for %d; use one optimizer per buffer",
          optimizer, params.length, length));
    }
  }

  private void allocate(int n) {
    length = n;
    arrays = new float[names.size()][];
    for (int i = 0; i < arrays.length; i++) {
      arrays[i] = new float[n];
    }
  }

  float[] array(int index) {
    return arrays[index];
  }

  long steps() {
    return steps;
  }

  /** Counts one more step and returns the new count t (1 for the first step), as Adam's bias correction uses it. */
  long advance() {
    return ++steps;
  }

  OptimizerState export() {
    Map<String, float[]> copy = new LinkedHashMap<>();
    if (length >= 0) {
      for (int i = 0; i < arrays.length; i++) {
        copy.put(names.get(i), arrays[i].clone());
      }
    }
    return new OptimizerState(optimizer, steps, copy);
  }

  void restore(OptimizerState state) {
    Objects.requireNonNull(state, "state");
    if (!state.optimizer().equals(optimizer)) {
      throw new IllegalArgumentException(
          "cannot restore a '" + state.optimizer() + "' state into " + optimizer);
    }
    Map<String, float[]> in = state.arrays();
    if (in.isEmpty()) {
      // exported before the first step (or stateless): arrays come back on the next step
      arrays = new float[0][];
      length = -1;
    } else {
      if (!List.copyOf(in.keySet()).equals(names)) {
        throw new IllegalArgumentException(
            optimizer + " state arrays are " + names + ", the checkpoint has " + in.keySet());
      }
      int n = in.get(names.get(0)).length;
      float[][] copy = new float[names.size()][];
      for (int i = 0; i < copy.length; i++) {
        float[] a = in.get(names.get(i));
        if (a.length != n) {
          throw new IllegalArgumentException(String.format("%s state array '%s' has length %d, expected %d",
              optimizer, names.get(i), a.length, n));
        }
        copy[i] = a.clone();
      }
      arrays = copy;
      length = n;
    }
    steps = state.step();
  }
}
