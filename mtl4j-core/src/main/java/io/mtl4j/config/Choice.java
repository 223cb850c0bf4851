package io.mtl4j.config;

import java.util.Map;

/**
 * An extension a run uses: the name and options that provenance and checkpoints record, and the value they stand for
 * (bound from them through a {@link Registry}, or given directly by Java code).
 *
 * @param name    registry name, or the name code chose for its object
 * @param options the options as configured (empty for an object given in code whose options are its own)
 * @param value   what the run uses
 * @param <T>     the value's type
 */
public record Choice<T>(String name, Map<String, Object> options, T value) {
  public Choice {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("a choice needs a name");
    if (value == null) throw new IllegalArgumentException("choice '" + name + "' has no value");
    options = Map.copyOf(options == null ? Map.of() : options);
  }
}
