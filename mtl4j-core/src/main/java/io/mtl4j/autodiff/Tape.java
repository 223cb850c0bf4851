package io.mtl4j.autodiff;

import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records ops in order and runs reverse-mode differentiation over them.
 *
 * <p>Buffers come from a pool that survives {@link #reset()}: a training step allocates the same shapes every time, so
 * after the first step no float array is allocated. A tape belongs to one thread.
 */
public final class Tape {
  /** The backward rule of one op: reads the output gradient and accumulates into its inputs' gradients. */
  @FunctionalInterface
  public interface Backward {
    void apply(Tensor outputGrad);
  }

  private record Node(Var output, Backward backward) {}

  private final List<Node> nodes = new ArrayList<>();
  private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
  private final List<float[]> inUse = new ArrayList<>();
  private int pass;

  /** Releases every buffer and node of the previous step; Vars created before are invalid afterwards. */
  public void reset() {
    nodes.clear();
    for (float[] a : inUse) {
      free.computeIfAbsent(a.length, n -> new ArrayDeque<>()).push(a);
    }
    inUse.clear();
  }

  int pass() {
    return pass;
  }

  /** A tensor from the pool; its contents are undefined (ops overwrite every element). */
  public Tensor alloc(int... shape) {
    int n = 1;
    for (int d : shape) n *= d;
    ArrayDeque<float[]> q = free.get(n);
    float[] a = q == null || q.isEmpty() ? new float[n] : q.pop();
    inUse.add(a);
    return Tensor.view(a, 0, shape);
  }

  /** A zero-filled tensor from the pool. */
  public Tensor zeros(int... shape) {
    return alloc(shape).fill(0f);
  }

  /** A value that needs no gradient (inputs, labels). */
  public Var constant(Tensor value) {
    return new Var(this, value, false, null);
  }

  /** A leaf whose gradient the tape keeps (for tests and representation gradients). */
  public Var variable(Tensor value) {
    return new Var(this, value, true, null);
  }

  /** A parameter: its gradient accumulates into {@code gradView} (a view into a flat gradient buffer). */
  public Var parameter(Tensor value, Tensor gradView) {
    return new Var(this, value, true, gradView);
  }

  /**
   * A row-sparse parameter [rows, width]: its gradient accumulates into {@code gradView} like {@link #parameter}'s,
   * but only ops that say which rows they write may reach it ({@link #rowGrad}); they record them in
   * {@code touched}, so a step zeroes, reduces, clips and updates those rows only.
   */
  public Var rowSparseParameter(Tensor value, Tensor gradView, TouchedRows touched) {
    Shapes.requireMatrix("rowSparseParameter", value);
    if (touched.capacity() != value.dim(0)) {
      throw new IllegalArgumentException("rowSparseParameter: touched rows over " + touched.capacity()
          + " rows for a table of " + value.dim(0));
    }
    return new Var(this, value, true, gradView, touched);
  }

  /** Records the result of an op; no backward is kept when no input needs a gradient. */
  public Var record(Tensor value, Backward backward, Var... inputs) {
    boolean needs = false;
    for (Var v : inputs) {
      needs |= v.requiresGrad;
    }
    Var out = new Var(this, value, needs, null);
    if (needs) {
      nodes.add(new Node(out, backward));
    }
    return out;
  }

  /**
   * The gradient accumulator of {@code v} for the current pass: zero-filled on first touch, or the external buffer
   * of a parameter. Backward rules call this only for inputs with {@link Var#requiresGrad()}.
   */
  public Tensor grad(Var v) {
    if (v.touchedRows != null) {
      throw new IllegalStateException("a row-sparse parameter " + Shapes.format(v.value.shape()) + " can only be "
          + "read by row ops (Gather.rows, EmbeddingBag), which name their rows through Tape.rowGrad; this op reads "
          + "it whole: declare the parameter dense");
    }
    if (v.externalGrad) {
      return v.grad;
    }
    if (v.gradPass != pass) {
      if (v.grad == null) {
        v.grad = alloc(v.value.shape());
      }
      v.grad.fill(0f);
      v.gradPass = pass;
    }
    return v.grad;
  }

  /**
   * The hook for ops that read whole rows of a table [V, D] and write gradient only into them (gather, embedding
   * bag): records {@code rows} as touched when {@code table} is row-sparse, then returns its gradient accumulator as
   * {@link #grad} does. Call it from the backward rule with every row the rule will write; rows it does not name
   * are never zeroed, reduced or updated.
   */
  public Tensor rowGrad(Var table, int[] rows) {
    if (table.touchedRows == null) return grad(table);
    table.touchedRows.addAll(rows);
    return table.grad;
  }

  /**
   * One backward pass that starts from {@code gradient} as {@code v}'s gradient, used in place (no copy): a seed
   * computed straight into a pooled buffer from {@link #alloc}.
   */
  public void backwardFrom(Var v, Tensor gradient) {
    if (!v.requiresGrad || v.externalGrad) {
      throw new IllegalArgumentException("backwardFrom: " + v + " is not an intermediate value that needs a gradient");
    }
    Shapes.requireSame("backwardFrom", v.value, gradient);
    pass++;
    v.grad = gradient;
    v.gradPass = pass;
    run(Set.of());
  }

  /**
   * Hands over {@code v}'s gradient of the current pass (zeros if the pass did not reach it) and detaches it, so a
   * later pass accumulates into a fresh buffer: per-task gradients are kept without a copy. The buffer is a whole
   * pooled array (offset 0, exactly the gradient's size) and stays valid until {@link #reset()}.
   */
  public Tensor takeGrad(Var v) {
    if (v.externalGrad) throw new IllegalArgumentException("takeGrad: " + v + " accumulates into a parameter buffer");
    Tensor g = grad(v);
    v.grad = null;
    v.gradPass = -1;
    return g;
  }

  /** Back-propagates d(loss)/d(loss) = 1 from a scalar. */
  public void backward(Var loss) {
    if (loss.value.size() != 1) {
      throw new IllegalArgumentException("backward: loss must be a scalar, got " + loss);
    }
    backward(Map.of(loss, Tensor.scalar(1f)), Set.of());
  }

  /**
   * One backward pass from the given seeds. Nodes whose output is in {@code stopAt} are not expanded, so the
   * gradient stops there (per-task gradients of a shared representation).
   */
  public void backward(Map<Var, Tensor> seeds, Set<Var> stopAt) {
    pass++;
    for (Map.Entry<Var, Tensor> seed : seeds.entrySet()) {
      Var v = seed.getKey();
      if (!v.requiresGrad) {
        throw new IllegalArgumentException("backward: seed " + v + " does not depend on anything that needs a gradient");
      }
      Tensor g = grad(v);
      float[] src = seed.getValue().data();
      int so = seed.getValue().offset();
      float[] dst = g.data();
      int d0 = g.offset();
      for (int i = 0, n = g.size(); i < n; i++) dst[d0 + i] += src[so + i];
    }
    run(stopAt.isEmpty() ? stopAt : identitySet(stopAt));
  }

  /** Applies the backward rule of every node the current pass reached, newest first. */
  private void run(Set<Var> stops) {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      Node node = nodes.get(i);
      Var out = node.output;
      if (out.gradPass == pass && !stops.contains(out)) {
        node.backward.apply(out.grad);
      }
    }
  }

  private static Set<Var> identitySet(Set<Var> vars) {
    Set<Var> s = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    s.addAll(vars);
    return s;
  }
}
