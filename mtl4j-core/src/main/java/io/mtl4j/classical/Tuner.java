package io.mtl4j.classical;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validation tuning inside the training part: list-valued options form a grid; each task's training rows are split
 * at random into a validation part ({@code fraction}) and the rest; every grid point is fitted on the rest (a warm-
 * started path, strongest regularisation first) and scored on the validation part (mean-task RMSE, or mean
 * accuracy for classifiers); the best point is refitted on all training rows.
 */
public final class Tuner {
  /** Option keys the tuner reads itself (they never reach the formulation). */
  public static final String FRACTION_KEY = "validation-fraction";
  public static final String SEED_KEY = "validation-seed";

  /** @param fraction share of each task's training rows held out, in (0, 1); @param seed seeds the carve */
  public record Options(double fraction, long seed) {
    public Options {
      if (!(fraction > 0 && fraction < 1)) {
        throw new IllegalArgumentException("validation-fraction = " + fraction + ": expected 0 < fraction < 1");
      }
    }

    public static Options defaults() {
      return new Options(0.2, 0);
    }
  }

  /** The grid point chosen and every point's validation score. */
  public record Choice(Map<String, Object> options, double score, List<Map<String, Object>> grid,
                       double[] scores) {}

  private Tuner() {}

  /** True when some option is a list (a grid to tune). */
  public static boolean needsTuning(Map<String, Object> options) {
    return options.values().stream().anyMatch(v -> v instanceof List<?>);
  }

  public static Choice select(String formulation, Map<String, Object> options, MultiTaskData train, Options o) {
    List<Map<String, Object>> grid = grid(options);
    MultiTaskData[] parts = train.randomSplit(o.fraction(), o.seed());
    MultiTaskData validation = parts[0];
    MultiTaskData fit = parts[1];
    double[] scores = new double[grid.size()];
    LinearMtlModel previous = null;
    int best = -1;
    for (int i = 0; i < grid.size(); i++) {
      Formulation f = Formulations.create(formulation, grid.get(i));
      ClassicalModel m;
      if (f instanceof LinearFormulation lf) {
        // Warm start only along one path: the previous point differs in the innermost option alone.
        LinearMtlModel lm = lf.fit(fit, previous);
        previous = lm;
        m = lm;
      } else {
        m = f.fit(fit);
      }
      TaskMetrics metrics = TaskMetrics.of(m, validation);
      scores[i] = m.classifier() ? -metrics.averageAccuracy() : metrics.averageRmse();
      if (best < 0 || scores[i] < scores[best]) best = i;
    }
    double score = grid.isEmpty() ? Double.NaN : scores[best];
    return new Choice(grid.get(best), score, grid, scores);
  }

  /**
   * The cartesian product of list-valued options, the last list varying fastest and sorted from the largest
   * value down (strong regularisation first, so each fit warm-starts from a sparser one).
   */
  static List<Map<String, Object>> grid(Map<String, Object> options) {
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (Map.Entry<String, Object> e : options.entrySet()) {
      List<Object> values = new ArrayList<>();
      if (e.getValue() instanceof List<?> list) {
        values.addAll(list);
        if (values.stream().allMatch(v -> v instanceof Number)) {
          values.sort(Comparator.comparingDouble((Object v) -> ((Number) v).doubleValue()).reversed());
        }
      } else {
        values.add(e.getValue());
      }
      if (values.isEmpty()) throw new IllegalArgumentException("option '" + e.getKey() + "': empty list");
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> partial : out) {
        for (Object v : values) {
          Map<String, Object> m = new LinkedHashMap<>(partial);
          m.put(e.getKey(), v);
          next.add(m);
        }
      }
      out = next;
    }
    return out;
  }
}
