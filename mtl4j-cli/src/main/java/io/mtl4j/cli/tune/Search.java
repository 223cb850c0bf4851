package io.mtl4j.cli.tune;

import io.mtl4j.cli.config.RunConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one model's search found: every trial with its validation value, and the best one (the first of equals).
 *
 * @param objective how the value reads ("validation rmse (lower is better)")
 * @param best      index into {@code results}
 */
public record Search(String label, TuneSettings settings, String objective, List<Result> results, int best) {
  /**
   * One trained trial.
   *
   * @param value    the objective in its own units (NaN when training diverged)
   * @param score    the value signed so that higher is better, what the search ranks by
   * @param diverged why training stopped on a non-finite loss, else null
   */
  public record Result(int trial, Map<String, Object> values, RunConfig config, long seed, double value, double score,
                       int bestEpoch, int epochs, double seconds, String diverged) {
    /** A trial whose loss became NaN or infinite: it ranks below every trial that finished. */
    static Result diverged(int trial, Map<String, Object> values, RunConfig config, long seed, String why) {
      return new Result(trial, values, config, seed, Double.NaN, Double.NEGATIVE_INFINITY, 0, 0, 0, why);
    }
  }

  public Search {
    results = List.copyOf(results);
  }

  /** The config to train: the best trial's, without the {@code tune} section. */
  public RunConfig chosen() {
    return results.get(best).config();
  }

  public Map<String, Object> chosenValues() {
    return results.get(best).values();
  }

  /** One line for the console and the report: "mmoe: best of 6 trials, trial 4 (validation rmse 8.1234): lr=…". */
  public String summary() {
    Result r = results.get(best);
    return String.format(Locale.ROOT, "tuned %s: best of %d trials is trial %d, %s %.4f: %s", label, results.size(),
        r.trial(), objective, r.value(), Tuner.format(r.values()));
  }

  /** The search as tuning.json holds it. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", label);
    m.put("objective", objective);
    m.put("bestTrial", results.get(best).trial());
    m.put("bestValues", results.get(best).values());
    List<Object> trials = new ArrayList<>();
    for (Result r : results) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("trial", r.trial());
      t.put("values", r.values());
      t.put("validationScore", Double.isFinite(r.value()) ? r.value() : null);
      t.put("seed", r.seed());
      t.put("bestEpoch", r.bestEpoch());
      t.put("epochs", r.epochs());
      t.put("seconds", r.seconds());
      if (r.diverged() != null) t.put("diverged", r.diverged());
      trials.add(t);
    }
    m.put("trials", trials);
    return m;
  }

  /** tuning.json: the settings once, then each search (one per model, fold or seed). */
  public static Map<String, Object> file(TuneSettings s, List<Search> searches) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", s.method());
    m.put("budget", s.budget());
    m.put("metric", s.objective().text());
    m.put("seed", s.seed());
    m.put("space", s.space().given());
    m.put("searches", searches.stream().map(Search::toMap).toList());
    return m;
  }
}
