package io.mtl4j.analysis;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A grouping put to the test: its groups' models, one model for all tasks and one model per task, each trained from
 * several seeds and scored on held-out rows. Each task is served by the group whose model scores it best on the
 * selection rows (mean over seeds), as in TAG (Fifty et al., NeurIPS 2021), so the held-out rows never choose.
 *
 * @param groups   the grouping's groups (task indices), one model each
 * @param servedBy per task, the index of the group serving it
 * @param schemes  {@link #SINGLE}, {@link #ALL_IN_ONE} and {@link #GROUPED}, in that order
 */
public record GroupComparison(List<String> tasks, List<int[]> groups, int[] servedBy, Map<String, Scheme> schemes,
                              List<Long> seeds) {
  public static final String SINGLE = "singleTask";
  public static final String ALL_IN_ONE = "allInOne";
  public static final String GROUPED = "grouped";

  /**
   * One way of serving the tasks, per task: the held-out score (higher is better, as {@link SubsetTraining} gives it)
   * as mean and standard deviation over seeds, and the mean relative gain in percent over the single-task model of
   * the same seed.
   */
  public record Scheme(double[] mean, double[] spread, double[] gain) {
    /** The gain averaged over tasks: this scheme against one model per task. */
    public double meanGain() {
      return Arrays.stream(gain).average().orElse(Double.NaN);
    }
  }

  /** Trains the models of {@code groups} (task indices), all tasks together and each task alone, from each seed. */
  public static GroupComparison compare(SubsetTraining runs, List<int[]> groups, List<Long> seeds) {
    if (seeds.isEmpty()) throw new IllegalArgumentException("group comparison: no seeds");
    int t = runs.tasks().size();
    int[] servedBy = serving(runs, groups, seeds, t);
    int[] all = IntStream.range(0, t).toArray();
    int n = seeds.size();
    double[][] single = new double[n][t], together = new double[n][t], grouped = new double[n][t];
    for (int s = 0; s < seeds.size(); s++) {
      long seed = seeds.get(s);
      for (int j = 0; j < t; j++) {
        single[s][j] = runs.scores(new int[] {j}, seed).heldOut()[j];
        grouped[s][j] = runs.scores(groups.get(servedBy[j]), seed).heldOut()[j];
      }
      together[s] = runs.scores(all, seed).heldOut();
    }
    Map<String, Scheme> schemes = new LinkedHashMap<>();
    schemes.put(SINGLE, scheme(single, single));
    schemes.put(ALL_IN_ONE, scheme(together, single));
    schemes.put(GROUPED, scheme(grouped, single));
    return new GroupComparison(runs.tasks(), List.copyOf(groups), servedBy, schemes, List.copyOf(seeds));
  }

  /** Per task, the group holding it whose model scores it best on the selection rows, averaged over seeds. */
  private static int[] serving(SubsetTraining runs, List<int[]> groups, List<Long> seeds, int t) {
    int[] servedBy = new int[t];
    double[] best = new double[t];
    Arrays.fill(servedBy, -1);
    Arrays.fill(best, Double.NEGATIVE_INFINITY);
    for (int g = 0; g < groups.size(); g++) {
      double[] sum = new double[t];
      for (long seed : seeds) {
        double[] scores = runs.scores(groups.get(g), seed).selection();
        for (int j : groups.get(g)) sum[j] += scores[j];
      }
      for (int j : groups.get(g)) {
        if (sum[j] > best[j] || servedBy[j] < 0) {
          best[j] = sum[j];
          servedBy[j] = g;
        }
      }
    }
    for (int j = 0; j < t; j++) {
      if (servedBy[j] < 0) {
        throw new IllegalArgumentException("group comparison: task " + runs.tasks().get(j) + " is in no group");
      }
    }
    return servedBy;
  }

  private static Scheme scheme(double[][] scores, double[][] single) {
    int seeds = scores.length, t = scores[0].length;
    double[] mean = new double[t], spread = new double[t], gain = new double[t];
    for (int j = 0; j < t; j++) {
      double[] column = new double[seeds], gains = new double[seeds];
      for (int s = 0; s < seeds; s++) {
        column[s] = scores[s][j];
        gains[s] = PairwiseTransfer.gain(scores[s][j], single[s][j]);
      }
      mean[j] = PairwiseTransfer.mean(column);
      spread[j] = PairwiseTransfer.spread(column);
      gain[j] = PairwiseTransfer.mean(gains);
    }
    return new Scheme(mean, spread, gain);
  }
}
