package io.mtl4j.analysis;

import io.mtl4j.nn.Parameter;
import io.mtl4j.nn.ParameterBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared parameters grouped by layer: a parameter's name without its last dotted part ({@code bottom.0.weight}
 * and {@code bottom.0.bias} form {@code bottom.0}), in buffer order. Gradient geometry is reported per layer because
 * tasks often agree in the lower layers and disagree near the heads.
 */
record SharedLayers(List<String> names, List<List<int[]>> ranges) {

  static SharedLayers of(ParameterBuffer buffer) {
    Map<String, List<int[]>> layers = new LinkedHashMap<>();
    for (Parameter p : buffer.parameters()) {
      if (!p.shared() || buffer.isState(p)) continue;
      if (buffer.rowSparseIndex(p) >= 0) {
        throw new IllegalArgumentException("relate measures per-task gradients of the dense shared parameters, but '"
            + p.name() + "' is a shared row-sparse table (a whole table per task and sample); share it through a "
            + "dense layer or relate the tasks on dense inputs");
      }
      int dot = p.name().lastIndexOf('.');
      String layer = dot < 0 ? p.name() : p.name().substring(0, dot);
      layers.computeIfAbsent(layer, k -> new ArrayList<>()).add(new int[] {p.offset(), p.offset() + p.size()});
    }
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("the architecture has no shared parameters: there is no gradient geometry "
          + "between tasks to measure; choose an architecture that shares parameters (e.g. shared-bottom)");
    }
    return new SharedLayers(List.copyOf(layers.keySet()), List.copyOf(layers.values()));
  }

  int size() {
    return names.size();
  }
}
