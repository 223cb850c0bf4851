package io.mtl4j.train;

import java.util.Locale;

/**
 * How a cluster engine trains ({@code train --engine spark --master URL --strategy S --local-steps K}): where, and
 * by synchronous steps or by model averaging.
 *
 * @param master     where to run (for Spark a master URL such as {@code local[*]}), or null for the engine's default
 * @param strategy   {@link Strategy#SYNC} or {@link Strategy#AVERAGING}
 * @param localSteps model averaging's steps per partition between two averages (k ≥ 1); 1 for synchronous steps
 */
public record EngineOptions(String master, Strategy strategy, int localSteps) {
  /** Exact synchronous steps (the single-JVM result up to float rounding), or model averaging (local SGD). */
  public enum Strategy {
    SYNC, AVERAGING;

    /** The strategy called {@code name} ({@code sync} or {@code averaging}). */
    public static Strategy named(String name) {
      for (Strategy s : values()) if (s.name().equalsIgnoreCase(name)) return s;
      throw new IllegalArgumentException("--strategy " + name + ": expected sync or averaging");
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public EngineOptions {
    if (strategy == null) throw new IllegalArgumentException("--strategy is missing: expected sync or averaging");
    if (localSteps < 1) throw new IllegalArgumentException("--local-steps " + localSteps + ": expected ≥ 1");
    if (strategy == Strategy.SYNC && localSteps != 1) {
      throw new IllegalArgumentException("--local-steps applies to --strategy averaging; synchronous training "
          + "exchanges after every step");
    }
  }

  /** Synchronous steps on {@code master} (null: the engine's default). */
  public static EngineOptions sync(String master) {
    return new EngineOptions(master, Strategy.SYNC, 1);
  }
}
