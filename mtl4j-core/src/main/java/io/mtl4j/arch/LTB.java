package io.mtl4j.arch;

import io.mtl4j.autodiff.ConcatSplit;
import io.mtl4j.autodiff.GumbelSoftmax;
import io.mtl4j.autodiff.MatMul;
import io.mtl4j.autodiff.Mixture;
import io.mtl4j.autodiff.Var;
import io.mtl4j.config.Checks;
import io.mtl4j.nn.Activation;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Init;
import io.mtl4j.nn.Linear;
import io.mtl4j.nn.Mode;
import io.mtl4j.nn.Parameter;
import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Learning to Branch (Guo, Lee &amp; Ulbricht, ICML 2020): L layers of T nodes; node j of layer l reads one node of
 * layer l − 1, chosen by a Gumbel-softmax draw over its learnt logits α[l, j, :], and task t's head reads node t of
 * the last layer, so the tasks' paths form a tree whose branching is learnt. Then the tree is fixed and trained on.
 *
 * <p>As LibMTL's {@code LTB}: α starts at ones; in the first {@code warmup} epochs every node reads the sum of all
 * nodes below (LibMTL: epochs below epochs/100, i.e. epoch 0); then each node reads a hard draw (one-hot forward,
 * straight-through gradient) at temperature τ_e = τ₀/√(e + 1) (LibMTL: τ₀ = epochs/20). LibMTL never fixes the tree;
 * as the paper does, here the first training step of epoch {@code fixAfter} fixes every node's parent at the argmax of
 * its α and keeps it as state in the model (so it survives saving, resuming and the optimizer's later moves of α),
 * and training continues on that fixed tree. Before it is fixed, evaluation reads the argmax tree.
 */
public final class LTB implements Architecture {
  /**
   * @param hidden      the width of each layer's nodes, L ≥ 2 layers
   * @param temperature τ₀ of the schedule τ_e = τ₀/√(e + 1); LibMTL's epochs/20, i.e. 5 for its 100 epochs
   * @param warmup      epochs in which every node reads the sum of all nodes below (LibMTL: 1 below 100 epochs)
   * @param fixAfter    the epoch from which the tree is fixed at the argmax of α (&gt; warmup)
   * @param hard        one-hot draws with straight-through gradients (LibMTL); false: soft mixtures
   */
  public record Options(int[] hidden, Activation activation, double temperature, int warmup, int fixAfter,
                        boolean hard) implements Factory {
    public Options {
      Checks.layerSizes(NAME, "hidden", hidden);
      if (hidden.length < 2) {
        throw new IllegalArgumentException(NAME + ": hidden has " + hidden.length + " layers, expected ≥ 2: "
            + "branches form between layers");
      }
      Checks.notNull(NAME, "activation", activation);
      Checks.positive(NAME, "temperature", temperature);
      Checks.atLeast(NAME, "warmup", warmup, 0);
      if (fixAfter <= warmup) {
        throw new IllegalArgumentException(NAME + ": fixAfter = " + fixAfter + ", expected > warmup = " + warmup
            + ": the tree is learnt between the two");
      }
    }

    /** LibMTL's schedule (τ₀ 5, one warm-up epoch, hard draws), fixed from epoch 10. */
    public Options(int... hidden) {
      this(hidden, Activation.RELU, 5.0, 1, 10, true);
    }

    public String name() {
      return NAME;
    }

    public Architecture create(ParameterBuffer.Builder builder, int inputs, int tasks) {
      return new LTB(this, builder, inputs, tasks);
    }
  }

  static final String NAME = "ltb";

  private final Options options;
  private final int tasks;
  private final Linear[][] nodes; // [layer][node]
  private final ParameterBuffer.ParameterRef alpha; // [(L − 1)·T, T]: row (l − 1)·T + j holds node (l, j)'s logits
  private final ParameterBuffer.ParameterRef tree;  // state [(L − 1)·T]: parent + 1 per node, 0 while not fixed

  private LTB(Options o, ParameterBuffer.Builder builder, int inputs, int tasks) {
    this.options = o;
    this.tasks = tasks;
    int layers = o.hidden.length;
    this.nodes = new Linear[layers][tasks];
    for (int l = 0; l < layers; l++) {
      int in = l == 0 ? inputs : o.hidden[l - 1];
      for (int j = 0; j < tasks; j++) {
        // A last-layer node serves one task; any node below may end up on several tasks' paths.
        int owner = l == layers - 1 ? j : Parameter.SHARED;
        nodes[l][j] = new Linear(builder, "ltb.layer" + l + ".node" + j, in, o.hidden[l], Init.HE_UNIFORM, owner);
      }
    }
    this.alpha = builder.add("ltb.alpha", Init.ONES, Parameter.SHARED, (layers - 1) * tasks, tasks);
    this.tree = builder.addState("ltb.tree", Init.ZEROS, Parameter.SHARED, (layers - 1) * tasks);
  }

  @Override
  public TaskRepresentations forward(Graph g, Var input, int[] which) {
    int[] fixed = parents(g);
    Var[] below = new Var[tasks];
    for (int j = 0; j < tasks; j++) below[j] = nodes[0][j].forward(g, input, options.activation);
    for (int l = 1; l < nodes.length; l++) {
      Var[] current = new Var[tasks];
      Var stacked = fixed == null ? ConcatSplit.concat(1, below) : null;
      for (int j = 0; j < tasks; j++) {
        Var in = fixed != null ? below[fixed[(l - 1) * tasks + j]] : mixture(g, stacked, below, l, j);
        current[j] = nodes[l][j].forward(g, in, options.activation);
      }
      below = current;
    }
    Var[] reps = new Var[tasks];
    for (int t : which) reps[t] = below[t];
    return new TaskRepresentations(reps);
  }

  /**
   * Each node's parent when the pass reads a fixed tree: the stored one, else (evaluation, or training from epoch
   * fixAfter on, when it is also stored once the step is done) the argmax of α; null while the tree is learnt.
   */
  private int[] parents(Graph g) {
    int[] stored = stored(g.buffer());
    if (stored != null) return stored;
    boolean fixing = g.mode() == Mode.TRAIN && g.epoch() >= options.fixAfter;
    if (g.mode() == Mode.TRAIN && !fixing) return null;
    int[] argmax = argmax(g.buffer());
    if (fixing) {
      float[] encoded = new float[argmax.length];
      for (int i = 0; i < argmax.length; i++) encoded[i] = argmax[i] + 1;
      g.writeState(tree, encoded);
    }
    return argmax;
  }

  /** Node (l, j)'s input while the tree is learnt: the sum of all nodes below (warm-up), else a Gumbel-softmax draw. */
  private Var mixture(Graph g, Var stacked, Var[] below, int l, int j) {
    int rows = below[0].value().dim(0);
    Var gate;
    if (g.epoch() < options.warmup) {
      gate = g.input(Tensor.zeros(rows, tasks).fill(1f));
    } else {
      int row = (l - 1) * tasks + j;
      Var logits = ConcatSplit.slice(g.param(alpha), 0, row, row + 1);
      float temperature = (float) (options.temperature / Math.sqrt(g.epoch() + 1.0));
      Var draw = GumbelSoftmax.sample(logits, GumbelSoftmax.noise(g.random(), 1, tasks), temperature, options.hard);
      gate = MatMul.matmul(g.input(Tensor.zeros(rows, 1).fill(1f)), draw); // [1, T] → the same gate for every row [B, T]
    }
    return Mixture.mix(stacked, gate);
  }

  private int[] stored(ParameterBuffer buffer) {
    Tensor values = buffer.value(buffer.get(tree.name()));
    if (Math.round(values.get(0)) < 1) return null;
    int[] parents = new int[values.size()];
    for (int i = 0; i < parents.length; i++) {
      parents[i] = Math.round(values.get(i)) - 1;
      if (parents[i] < 0 || parents[i] >= tasks) {
        throw new IllegalStateException(NAME + ": state ltb.tree[" + i + "] = " + values.get(i) + ", expected a node 1…"
            + tasks + " (the stored tree is damaged)");
      }
    }
    return parents;
  }

  private int[] argmax(ParameterBuffer buffer) {
    Tensor a = buffer.value(buffer.get(alpha.name()));
    int[] parents = new int[a.dim(0)];
    for (int r = 0; r < parents.length; r++) {
      int best = 0;
      for (int k = 1; k < tasks; k++) if (a.get(r * tasks + k) > a.get(r * tasks + best)) best = k;
      parents[r] = best;
    }
    return parents;
  }

  /** The tree in {@code buffer}'s values: the fixed one, or the argmax of α while it is still learnt. */
  public Branching branching(ParameterBuffer buffer) {
    int[] stored = stored(buffer);
    return new Branching(nodes.length, tasks, stored != null ? stored : argmax(buffer), stored != null);
  }

  @Override
  public int outputSize(int task) {
    return options.hidden[options.hidden.length - 1];
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    List<ParameterBuffer.ParameterRef> all = new ArrayList<>();
    for (Linear[] layer : nodes) for (Linear node : layer) all.addAll(node.parameters());
    all.add(alpha);
    return all; // the tree is state, not a parameter (as batch norm's running statistics)
  }
}
