package io.mtl4j.classical;

import java.util.Map;

/**
 * One model of a comparison: a display name (the {@code model} column, e.g. {@code trace-malsar}), a registered
 * formulation and its options. An option given as a list (e.g. {@code lambda: [1, 10, 100]}) is a grid tuned on a
 * validation part carved from each split's training rows (see {@link Tuner}).
 */
public record ComparedModel(String name, String formulation, Map<String, Object> options) {
  public ComparedModel {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("name: must not be blank");
    if (formulation == null || formulation.isBlank()) {
      throw new IllegalArgumentException("formulation of model '" + name + "': must not be blank");
    }
    options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
  }

  /** A model named after its formulation. */
  public static ComparedModel of(String formulation, Map<String, Object> options) {
    return new ComparedModel(formulation, formulation, options);
  }
}
