package io.mtl4j.optim;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an optimizer needs to resume exactly: its step count and named state arrays, each as long as the parameter
 * buffer (empty before the first step, or for stateless plain SGD). The arrays belong to this value: an optimizer
 * copies them on {@link Optimizer#state()} and on {@link Optimizer#restore}, so nobody else should mutate them.
 *
 * @param optimizer registry name of the optimizer that exported it
 * @param step      completed steps
 * @param arrays    state arrays by name, in a fixed order (e.g. {@code m}, {@code v} for Adam)
 */
public record OptimizerState(String optimizer, long step, Map<String, float[]> arrays) implements Serializable {
  // Model averaging on a cluster ships it between JVMs; it is never written to a file this way.
  private static final long serialVersionUID = 1L;

  public OptimizerState {
    Objects.requireNonNull(optimizer, "optimizer");
    if (step < 0) {
      throw new IllegalArgumentException("OptimizerState: step = " + step + ", expected >= 0");
    }
    arrays = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(arrays, "arrays")));
    arrays.forEach((name, values) -> Objects.requireNonNull(values, () -> "OptimizerState: array '" + name + "'"));
  }

  // Records compare arrays by identity; checkpoints are compared by content.
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof OptimizerState other)) {
      return false;
    }
    if (!optimizer.equals(other.optimizer) || step != other.step || !arrays.keySet().equals(other.arrays.keySet())) {
      return false;
    }
    return arrays.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), other.arrays.get(e.getKey())));
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(optimizer, step);
    for (Map.Entry<String, float[]> e : arrays.entrySet()) {
      h = 31 * h + e.getKey().hashCode() * 17 + Arrays.hashCode(e.getValue());
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("OptimizerState[").append(optimizer).append(", step=").append(step);
    arrays.forEach((name, values) -> sb.append(", ").append(name).append("=float[").append(values.length).append(']'));
    return sb.append(']').toString();
  }
}
