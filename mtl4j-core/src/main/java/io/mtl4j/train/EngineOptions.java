package io.mtl4j.train;

import java.util.Locale;

/**
 * How a cluster engine trains ({@code train --engine spark --master URL --strategy S --local-steps K}): where, and
 * by synchronous steps (partials summed by the driver's tree, or allreduced among the tasks of a barrier stage) or by
 * model averaging.
 *
 * @param master     where to run (for Spark a master URL such as {@code local[*]}), or null for the engine's default
 * @param strategy   {@link Strategy#SYNC}, {@link Strategy#AVERAGING} or {@link Strategy#BARRIER}
 * @param localSteps model averaging's steps per partition between two averages (k ≥ 1); 1 for synchronous steps
 */
public record EngineOptions(String master, Strategy strategy, int localSteps) {
  /**
   * Exact synchronous steps (the single-JVM result up to float rounding), model averaging (local SGD), or the same
   * synchronous steps with the partials exchanged among the tasks of one barrier stage per epoch.
   */
  public enum Strategy {
    SYNC, AVERAGING, BARRIER;

    /** The strategy called {@code name} ({@code sync}, {@code averaging} or {@code barrier}). */
    public static Strategy named(String name) {
      for (Strategy s : values()) if (s.name().equalsIgnoreCase(name)) return s;
      throw new IllegalArgumentException("--strategy " + name + ": expected sync, averaging or barrier");
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public EngineOptions {
    if (strategy == null) throw new IllegalArgumentException("--strategy is missing: expected sync, averaging or "
        + "barrier");
    if (localSteps < 1) throw new IllegalArgumentException("--local-steps " + localSteps + ": expected ≥ 1");
    if (strategy != Strategy.AVERAGING && localSteps != 1) {
      throw new IllegalArgumentException("--local-steps applies to --strategy averaging; synchronous training "
          + "exchanges after every step");
    }
  }

  /** Synchronous steps on {@code master} (null: the engine's default). */
  public static EngineOptions sync(String master) {
    return new EngineOptions(master, Strategy.SYNC, 1);
  }
}
