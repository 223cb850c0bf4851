package io.mtl4j.analysis;

import java.util.List;

/**
 * Pairwise transfer, the direct measurement of negative transfer (Standley et al., ICML 2020): a model for each task
 * alone and one for each pair, from several seeds; the gain of task j from sharing with task i is the relative change
 * of j's score in the pair's model over j's single-task model of the same seed, in percent. Costs (T + T(T−1)/2) ×
 * seeds trainings.
 *
 * @param gain   [T, T] mean gain over seeds, row i (the partner) acting on column j (the task scored); NaN diagonal
 * @param spread [T, T] standard deviation of the gain over seeds (NaN with one seed)
 * @param seeds  the seeds each model was trained from
 */
public record PairwiseTransfer(TaskMatrix gain, TaskMatrix spread, List<Long> seeds) {
  /** The measure's name in files and reports, beside the other measures. */
  public static final String MEASURE = "transferGain";

  /** Number of trainings the measure costs for {@code tasks} tasks and {@code seeds} seeds. */
  public static long cost(int tasks, int seeds) {
    return ((long) tasks + (long) tasks * (tasks - 1) / 2) * seeds;
  }

  /** Trains every single-task and pair model of {@code runs} from each seed; the gains are on its selection rows. */
  public static PairwiseTransfer measure(SubsetTraining runs, List<Long> seeds) {
    if (seeds.isEmpty()) throw new IllegalArgumentException("pairwise transfer: no seeds");
    List<String> tasks = runs.tasks();
    int t = tasks.size();
    if (t < 2) throw new IllegalArgumentException("pairwise transfer: " + t + " task, expected at least 2");
    double[][][] gains = new double[seeds.size()][t][t];
    for (int s = 0; s < seeds.size(); s++) {
      long seed = seeds.get(s);
      double[] single = new double[t];
      for (int j = 0; j < t; j++) single[j] = runs.scores(new int[] {j}, seed).selection()[j];
      for (int i = 0; i < t; i++) {
        gains[s][i][i] = Double.NaN;
        for (int j = i + 1; j < t; j++) {
          double[] pair = runs.scores(new int[] {i, j}, seed).selection();
          gains[s][i][j] = gain(pair[j], single[j]);
          gains[s][j][i] = gain(pair[i], single[i]);
        }
      }
    }
    double[][] mean = new double[t][t], std = new double[t][t];
    long[][] counts = new long[t][t];
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < t; j++) {
        double[] overSeeds = new double[seeds.size()];
        for (int s = 0; s < overSeeds.length; s++) overSeeds[s] = gains[s][i][j];
        mean[i][j] = mean(overSeeds);
        std[i][j] = spread(overSeeds);
        counts[i][j] = i == j ? 0 : seeds.size();
      }
    }
    return new PairwiseTransfer(new TaskMatrix(MEASURE, tasks, mean, counts, false),
        new TaskMatrix("transferSpread", tasks, std, counts, false), List.copyOf(seeds));
  }

  /**
   * The relative gain in percent of a score over a baseline score (both higher-is-better, as {@link SubsetTraining}
   * gives them): 100 · (score − baseline) / |baseline|.
   */
  public static double gain(double score, double baseline) {
    return 100 * (score - baseline) / Math.abs(baseline);
  }

  static double mean(double[] values) {
    double sum = 0;
    for (double v : values) sum += v;
    return sum / values.length;
  }

  /** The sample standard deviation over seeds; NaN for fewer than two. */
  static double spread(double[] values) {
    if (values.length < 2) return Double.NaN;
    double m = mean(values), squares = 0;
    for (double v : values) squares += (v - m) * (v - m);
    return Math.sqrt(squares / (values.length - 1));
  }
}
