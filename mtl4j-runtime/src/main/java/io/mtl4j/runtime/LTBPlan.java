package io.mtl4j.runtime;

import io.mtl4j.io.ModelFileException;

/**
 * Learning to Branch (Guo, Lee &amp; Ulbricht, ICML 2020) with its tree fixed: each node a dense layer reading its
 * one parent below, and only the nodes on some task's path computed. The tree is the one training fixed (state
 * {@code ltb.tree}, parent + 1 per node) or, for a model saved before it was fixed, the argmax of each node's logits
 * {@code ltb.alpha}, as mtl4j-core's evaluation reads it.
 */
final class LTBPlan implements SharedPart {
  private final Dense[][] nodes;   // [layer][node], null where no task's path passes
  private final int[][] inputs;    // [layer][node]: where the node reads
  private final int[][] outputs;   // [layer][node]: where it writes
  private final int width;

  LTBPlan(SpecOptions o, Parameters p, int inputWidth, int input, int tasks, Arena arena) {
    int[] hidden = o.layers("hidden");
    Activation a = o.activation("activation");
    int[] parents = parents(p, hidden.length, tasks);
    boolean[][] used = new boolean[hidden.length][tasks];
    for (int j = 0; j < tasks; j++) used[hidden.length - 1][j] = true;
    for (int l = hidden.length - 1; l > 0; l--) {
      for (int j = 0; j < tasks; j++) if (used[l][j]) used[l - 1][parents[(l - 1) * tasks + j]] = true;
    }
    this.nodes = new Dense[hidden.length][tasks];
    this.inputs = new int[hidden.length][tasks];
    this.outputs = new int[hidden.length][tasks];
    for (int l = 0; l < hidden.length; l++) {
      for (int j = 0; j < tasks; j++) {
        if (!used[l][j]) continue;
        nodes[l][j] = p.dense("ltb.layer" + l + ".node" + j, l == 0 ? inputWidth : hidden[l - 1], hidden[l], a);
        inputs[l][j] = l == 0 ? input : outputs[l - 1][parents[(l - 1) * tasks + j]];
        outputs[l][j] = arena.take(hidden[l]);
      }
    }
    this.width = hidden[hidden.length - 1];
  }

  /** Each node's parent: the fixed tree when training stored one, else the argmax of its logits (first on ties). */
  private static int[] parents(Parameters p, int layers, int tasks) {
    float[] tree = p.values("ltb.tree"), alpha = p.values("ltb.alpha");
    int n = (layers - 1) * tasks;
    if (tree.length != n || alpha.length != n * tasks) {
      throw new ModelFileException(p.file(), "has ltb.tree of " + tree.length + " and ltb.alpha of " + alpha.length
          + " values; " + layers + " layers of " + tasks + " nodes need " + n + " and " + n * tasks);
    }
    int[] parents = new int[n];
    boolean fixed = Math.round(tree[0]) >= 1;
    for (int i = 0; i < n; i++) {
      if (fixed) {
        parents[i] = Math.round(tree[i]) - 1;
        if (parents[i] < 0 || parents[i] >= tasks) {
          throw new ModelFileException(p.file(), "has ltb.tree[" + i + "] = " + tree[i] + ", expected a node 1…"
              + tasks);
        }
      } else {
        for (int k = 1; k < tasks; k++) if (alpha[i * tasks + k] > alpha[i * tasks + parents[i]]) parents[i] = k;
      }
    }
    return parents;
  }

  @Override
  public void forward(float[] s) {
    for (int l = 0; l < nodes.length; l++) {
      for (int j = 0; j < nodes[l].length; j++) if (nodes[l][j] != null) nodes[l][j].forward(s, inputs[l][j], outputs[l][j]);
    }
  }

  @Override
  public int representation(int task) {
    return outputs[nodes.length - 1][task];
  }

  @Override
  public int width(int task) {
    return width;
  }
}
