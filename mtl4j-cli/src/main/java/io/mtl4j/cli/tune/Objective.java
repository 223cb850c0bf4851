package io.mtl4j.cli.tune;

import io.mtl4j.metrics.Evaluation;

/**
 * The validation score a search maximises, from {@code tune.metric}: {@code primary} (default; the mean over tasks of
 * each task's first metric, negated where lower is better: the score early stopping uses), {@code METRIC} (its mean
 * over the tasks that have it), {@code TASK/METRIC}, or {@code deltaM} (Δm% against the untuned config's validation
 * metrics). The reported value keeps the metric's own sign; {@link #higherIsBetter} says which way is better.
 *
 * @param task   the task of {@code TASK/METRIC}, else null
 * @param metric the metric of {@code METRIC} or {@code TASK/METRIC}, else null
 */
record Objective(String text, String task, String metric) {
  static final String PRIMARY = "primary";
  static final String DELTA_M = "deltaM";

  static Objective parse(String text) {
    if (text == null || text.isBlank() || text.strip().equalsIgnoreCase(PRIMARY)) return new Objective(PRIMARY, null, null);
    String s = text.strip();
    if (s.equalsIgnoreCase(DELTA_M) || s.equals("Δm%")) return new Objective(DELTA_M, null, null);
    int slash = s.lastIndexOf('/');
    if (slash == 0 || slash == s.length() - 1) {
      throw new IllegalArgumentException("tune.metric = '" + text + "', expected primary, deltaM, METRIC or TASK/METRIC");
    }
    return slash < 0 ? new Objective(s, null, s) : new Objective(s, s.substring(0, slash), s.substring(slash + 1));
  }

  boolean needsReference() {
    return text.equals(DELTA_M);
  }

  /**
   * Checks the tasks and metrics named against an evaluation of the validation rows (of an untrained model).
   *
   * @throws IllegalArgumentException naming tune.metric, the task or metric, and what exists
   */
  void check(Evaluation sample) {
    if (metric == null) return;
    if (task != null && !sample.tasks().contains(task)) {
      throw new IllegalArgumentException("tune.metric = '" + text + "': no task '" + task + "'; tasks: " + sample.tasks());
    }
    boolean found = task != null ? sample.has(task, metric) : sample.tasks().stream().anyMatch(t -> sample.has(t, metric));
    if (!found) {
      throw new IllegalArgumentException("tune.metric = '" + text + "': no validation metric '" + metric + "'"
          + (task == null ? "" : " for task '" + task + "'") + "; metrics: " + (task == null ? sample.metricNames() : sample.metrics(task)));
    }
  }

  /** The value on {@code e} (metric units; Δm% against {@code reference}). */
  double value(Evaluation e, Evaluation reference) {
    if (needsReference()) return e.deltaM(reference);
    if (metric == null) return e.meanPrimaryScore();
    return task != null ? e.value(task, metric) : e.average(metric);
  }

  boolean higherIsBetter(Evaluation e) {
    if (metric == null) return true;
    String t = task != null ? task : e.tasks().stream().filter(x -> e.has(x, metric)).findFirst().orElseThrow();
    return e.score(t, metric).higherIsBetter();
  }

  /** A value to maximise: NaN (a diverged trial) ranks below everything. */
  double score(Evaluation e, Evaluation reference) {
    double v = value(e, reference);
    if (Double.isNaN(v)) return Double.NEGATIVE_INFINITY;
    return higherIsBetter(e) ? v : -v;
  }

  /** How the console and report name it: "validation first/auc (higher is better)". */
  String describe(Evaluation e) {
    String what = metric == null && !needsReference() ? "mean primary score (signed)"
        : needsReference() ? "Δm% vs the untuned config" : text;
    return "validation " + what + " (" + (higherIsBetter(e) ? "higher" : "lower") + " is better)";
  }
}
