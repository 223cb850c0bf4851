package io.mtl4j.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * A display order of tasks in which related tasks sit side by side, so a heatmap shows blocks: the leaf order of
 * average-linkage agglomerative clustering on a similarity matrix (the pair of clusters with the highest mean
 * similarity merges first; the left cluster keeps its place).
 */
public final class TaskOrder {
  private TaskOrder() {}

  /** Task indices in display order, from {@code similarity} [T, T] (symmetrised first; NaN ranks lowest). */
  public static int[] clustered(double[][] similarity) {
    return groups(similarity, Double.NEGATIVE_INFINITY).get(0).stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The clusters of the same agglomeration stopped before the first merge whose linkage falls below {@code
   * threshold}: task indices per cluster in display order, clusters in the order of their lowest task index.
   */
  public static List<List<Integer>> groups(double[][] similarity, double threshold) {
    int t = similarity.length;
    List<List<Integer>> clusters = new ArrayList<>();
    for (int i = 0; i < t; i++) clusters.add(new ArrayList<>(List.of(i)));
    while (clusters.size() > 1) {
      int bestA = 0, bestB = 1;
      double best = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < clusters.size(); a++) {
        for (int b = a + 1; b < clusters.size(); b++) {
          double v = linkage(similarity, clusters.get(a), clusters.get(b));
          if (v > best) {
            best = v;
            bestA = a;
            bestB = b;
          }
        }
      }
      if (best < threshold) break;
      clusters.get(bestA).addAll(clusters.remove(bestB));
    }
    return clusters;
  }

  /** Mean similarity between two clusters, both directions averaged; NaN entries are skipped, none defined ranks lowest. */
  private static double linkage(double[][] s, List<Integer> a, List<Integer> b) {
    double sum = 0;
    int n = 0;
    for (int i : a) {
      for (int j : b) {
        double v = (s[i][j] + s[j][i]) / 2;
        if (Double.isNaN(v)) continue;
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NEGATIVE_INFINITY : sum / n;
  }
}
