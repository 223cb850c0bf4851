package io.mtl4j.arch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A tree of shared layers, as {@link LTB} learnt it: each node's parent in the layer below. Task t's path ends at node
 * t of the last layer; two tasks share a layer's node while their paths coincide there.
 *
 * @param layers  L
 * @param tasks   T (nodes per layer)
 * @param parents [(L − 1)·T]: entry (l − 1)·T + j is the parent, in layer l − 1, of node j of layer l
 * @param fixed   whether training fixed the tree, or it is the argmax of logits still being learnt
 */
public record Branching(int layers, int tasks, int[] parents, boolean fixed) {
  public Branching {
    if (parents.length != (layers - 1) * tasks) {
      throw new IllegalArgumentException("branching: " + parents.length + " parents for " + layers + " layers of "
          + tasks + " nodes, expected " + (layers - 1) * tasks);
    }
    parents = parents.clone();
  }

  /** Each node's parent, a copy (see the record's description). */
  @Override
  public int[] parents() {
    return parents.clone();
  }

  /** The node of layer {@code layer} on task {@code task}'s path. */
  public int node(int layer, int task) {
    int n = task;
    for (int l = layers - 1; l > layer; l--) n = parents[(l - 1) * tasks + n];
    return n;
  }

  /** The tasks grouped by the node they share at {@code layer}, groups in order of their first task. */
  public List<List<Integer>> groups(int layer) {
    Map<Integer, List<Integer>> byNode = new LinkedHashMap<>();
    for (int t = 0; t < tasks; t++) byNode.computeIfAbsent(node(layer, t), n -> new ArrayList<>()).add(t);
    return List.copyOf(byNode.values());
  }

  /** Whether {@code a} and {@code b} share the node of layer {@code layer}. */
  public boolean shared(int layer, int a, int b) {
    return node(layer, a) == node(layer, b);
  }

  /**
   * How the tree agrees with a known grouping at {@code layer}: the fraction of task pairs of one group that share a
   * node there, and the fraction of pairs of different groups that do (a tree blind to the groups gives both alike).
   *
   * @param group each task's group, or −1 to leave the task out
   */
  public double[] sharingWithinAndAcross(int layer, int[] group) {
    int within = 0, withinShared = 0, across = 0, acrossShared = 0;
    for (int i = 0; i < tasks; i++) {
      for (int j = i + 1; j < tasks; j++) {
        if (group[i] < 0 || group[j] < 0) continue;
        int shares = shared(layer, i, j) ? 1 : 0;
        if (group[i] == group[j]) {
          within++;
          withinShared += shares;
        } else {
          across++;
          acrossShared += shares;
        }
      }
    }
    return new double[] {within == 0 ? 0 : withinShared / (double) within, across == 0 ? 0 : acrossShared / (double) across};
  }

  /** One line per layer, bottom first: "layer 0: {a1, a2} {b1}", plus whether the tree is fixed. */
  public String format(List<String> taskNames) {
    StringBuilder out = new StringBuilder(fixed ? "learnt tree (fixed)" : "learnt tree (still learning: argmax)");
    for (int l = 0; l < layers; l++) {
      StringJoiner groups = new StringJoiner(" ");
      for (List<Integer> g : groups(l)) {
        StringJoiner names = new StringJoiner(", ", "{", "}");
        for (int t : g) names.add(taskNames.get(t));
        groups.add(names.toString());
      }
      out.append(System.lineSeparator()).append("  layer ").append(l).append(": ").append(groups);
    }
    return out.toString();
  }
}
