package io.mtl4j.train;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.nn.Parameter;
import io.mtl4j.nn.ParameterBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameter ranges a run must not change (fine-tuning, add-task). Selectors: {@code shared} (every shared
 * parameter), {@code task:NAME} (that task's own parameters), an exact parameter name, or a name prefix ending in
 * {@code *}. Freezing is a mask on the update: the optimizer steps only the other ranges ({@link #trainable}), so
 * frozen values and their optimizer state (momentum, Adam's moments, weight decay) stay exactly as they were.
 */
public final class FrozenParameters {
  private final int[][] ranges;
  private final int size;
  private final boolean[] frozen; // per parameter, in buffer order
  private final List<Parameter> parameters;

  private FrozenParameters(int[][] ranges, boolean[] frozen, List<Parameter> parameters) {
    this.ranges = ranges;
    this.frozen = frozen;
    this.parameters = parameters;
    int n = 0;
    for (int[] r : ranges) n += r[1] - r[0];
    this.size = n;
  }

  public static FrozenParameters resolve(MultiTaskModel model, List<String> selectors) {
    ParameterBuffer buffer = model.parameters();
    boolean[] frozen = new boolean[buffer.parameters().size()];
    for (String selector : selectors) {
      boolean matched = false;
      for (int i = 0; i < frozen.length; i++) {
        if (matches(model, buffer.parameters().get(i), selector)) {
          frozen[i] = true;
          matched = true;
        }
      }
      if (!matched) {
        throw new IllegalArgumentException("training.frozen: '" + selector + "' matches no parameter; use 'shared', "
            + "'task:NAME' (tasks " + model.tasks().stream().map(t -> t.name()).toList()
            + "), a parameter name or a prefix ending in '*'");
      }
    }
    List<int[]> ranges = new ArrayList<>();
    for (int i = 0; i < frozen.length; i++) {
      if (!frozen[i]) continue;
      Parameter p = buffer.parameters().get(i);
      int[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
      if (last != null && last[1] == p.offset()) last[1] += p.size();
      else ranges.add(new int[] {p.offset(), p.offset() + p.size()});
    }
    return new FrozenParameters(ranges.toArray(new int[0][]), frozen, buffer.parameters());
  }

  private static boolean matches(MultiTaskModel model, Parameter p, String selector) {
    if (selector.equals("shared")) return p.shared();
    if (selector.startsWith("task:")) return !p.shared() && model.spec().taskIndex(selector.substring(5)) == p.owner();
    if (selector.endsWith("*")) return p.name().startsWith(selector.substring(0, selector.length() - 1));
    return p.name().equals(selector);
  }

  /** Whether every parameter of {@code task} is frozen: such a task may be absent from the training data. */
  public boolean coversTask(int task) {
    boolean any = false;
    for (int i = 0; i < frozen.length; i++) {
      if (parameters.get(i).owner() != task) continue;
      if (!frozen[i]) return false;
      any = true;
    }
    return any;
  }

  public boolean isEmpty() {
    return ranges.length == 0;
  }

  /** Number of frozen values. */
  public int size() {
    return size;
  }

  /** The ranges of a buffer of {@code length} values that are not frozen, ascending: what the optimizer steps. */
  int[][] trainable(int length) {
    List<int[]> out = new ArrayList<>();
    int at = 0;
    for (int[] r : ranges) {
      if (r[0] >= length) break; // frozen state after the trained range: never stepped anyway
      if (r[0] > at) out.add(new int[] {at, r[0]});
      at = Math.min(r[1], length);
    }
    if (at < length) out.add(new int[] {at, length});
    return out.toArray(new int[0][]);
  }
}
