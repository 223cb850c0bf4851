package io.mtl4j.cli.tune;

import io.mtl4j.cli.config.RunConfig;
import java.util.List;
import java.util.Map;

/**
 * A config's {@code tune} section, validated: the method, the trials it makes (at most {@link #MAX_BUDGET}), the
 * objective and the seed of random draws.
 *
 * @param budget trials to train: grid defaults to the grid's size and refuses a smaller budget (it would not be a
 *               grid); random defaults to {@link #RANDOM_DEFAULT}
 */
public record TuneSettings(String method, int budget, Objective objective, long seed, SearchSpace space) {
  /** Bounds the work a config can ask for: each trial is a full training run. */
  public static final int MAX_BUDGET = 1000;
  static final int RANDOM_DEFAULT = 10;

  /**
   * @throws IllegalArgumentException naming the {@code tune.*} key and what was expected
   */
  public static TuneSettings of(RunConfig.Tune t) {
    String method = t.method() == null ? "grid" : t.method().strip().toLowerCase(java.util.Locale.ROOT);
    if (!method.equals("grid") && !method.equals("random")) {
      throw new IllegalArgumentException("tune.method = '" + t.method() + "', expected grid or random");
    }
    SearchSpace space = SearchSpace.of(t.space());
    if (t.budget() != null && (t.budget() < 1 || t.budget() > MAX_BUDGET)) {
      throw new IllegalArgumentException("tune.budget = " + t.budget() + ", expected 1 to " + MAX_BUDGET + " trials");
    }
    int budget;
    if (method.equals("grid")) {
      if (!space.discrete()) {
        throw new IllegalArgumentException("tune.space: a {min, max} range needs tune.method random; a grid takes lists of values");
      }
      long size = space.gridSize();
      long allowed = t.budget() == null ? MAX_BUDGET : t.budget();
      if (size > allowed) {
        throw new IllegalArgumentException("tune: the grid has " + size + " combinations, more than " + (t.budget() == null
            ? "the most trials allowed, " + MAX_BUDGET : "tune.budget = " + t.budget()) + "; shorten the lists or use method random");
      }
      budget = (int) size;
    } else {
      budget = t.budget() == null ? RANDOM_DEFAULT : t.budget();
    }
    return new TuneSettings(method, budget, Objective.parse(t.metric()), t.seed() == null ? 1 : t.seed(), space);
  }

  /** The trials' values in the order they train: the whole grid, or the seeded random draws. */
  public List<Map<String, Object>> trials() {
    return method.equals("grid") ? space.grid() : space.random(budget, seed);
  }
}
