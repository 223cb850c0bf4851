package io.mtl4j.nn;

import io.mtl4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * All parameters of a model in one flat {@code float[]} (llm.c style): zeroing, optimizer steps, clipping, thread
 * reduction and checkpoints are loops over one array. Shared parameters come first, so the range
 * [0, {@link #sharedSize()}) is exactly what gradient weightings operate on.
 *
 * <p>Non-trained state (batch norm's running statistics: PyTorch's "buffers") comes last, in
 * [{@link #trainableSize()}, {@link #size()}): it is saved with the model like any parameter, but a {@link Graph} never
 * gives it a gradient, the optimizer steps only [0, trainableSize) (so weight decay cannot shrink it), weightings see
 * only the shared range before it, and gradient clipping sees its gradients as zeros. It changes only through
 * {@link RunningStatistics}, once per step, after the shards' forward passes.
 */
public final class ParameterBuffer {
  private final float[] values;
  private final List<Parameter> parameters;
  private final Map<String, Parameter> byName;
  private final int sharedSize;
  private final int trainableSize;
  private final Set<String> state;
  private final List<Parameter> rowSparse;

  private ParameterBuffer(float[] values, List<Parameter> parameters, int sharedSize, int trainableSize, int trained,
                          List<Parameter> rowSparse) {
    this.values = values;
    this.parameters = Collections.unmodifiableList(parameters);
    this.byName = new LinkedHashMap<>();
    for (Parameter p : parameters) byName.put(p.name(), p);
    this.sharedSize = sharedSize;
    this.trainableSize = trainableSize;
    this.state = new HashSet<>();
    for (Parameter p : parameters.subList(trained, parameters.size())) state.add(p.name());
    this.rowSparse = List.copyOf(rowSparse);
  }

  public static Builder builder() {
    return new Builder();
  }

  public float[] values() {
    return values;
  }

  public int size() {
    return values.length;
  }

  /** Length of the leading shared range. */
  public int sharedSize() {
    return sharedSize;
  }

  /** Length of the leading trained range; the state after it (running statistics) is never stepped. */
  public int trainableSize() {
    return trainableSize;
  }

  /** True for non-trained state declared with {@link Builder#addState}. */
  public boolean isState(Parameter p) {
    return state.contains(p.name());
  }

  public List<Parameter> parameters() {
    return parameters;
  }

  public Parameter get(String name) {
    Parameter p = byName.get(name);
    if (p == null) {
      throw new IllegalArgumentException("no parameter named '" + name + "'; known: " + byName.keySet());
    }
    return p;
  }

  /**
   * The row-sparse parameters ({@link Builder#addRowSparse}), in buffer order: tables [rows, width] whose gradient
   * holds only the rows a step touched, so a step costs those rows only. Empty for most models.
   */
  public List<Parameter> rowSparse() {
    return rowSparse;
  }

  /** The index of {@code p} in {@link #rowSparse()}, or -1 when it is dense. */
  public int rowSparseIndex(Parameter p) {
    for (int i = 0; i < rowSparse.size(); i++) if (rowSparse.get(i).name().equals(p.name())) return i;
    return -1;
  }

  /** A view of one parameter's values. */
  public Tensor value(Parameter p) {
    return Tensor.view(values, p.offset(), p.shape());
  }

  /** Offsets [from, to) of the parameters owned by {@code task}, in buffer order (contiguous runs). */
  public List<int[]> rangesOwnedBy(int task) {
    List<int[]> ranges = new ArrayList<>();
    for (Parameter p : parameters) {
      if (p.owner() != task) continue;
      int[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
      if (last != null && last[1] == p.offset()) {
        last[1] += p.size();
      } else {
        ranges.add(new int[] {p.offset(), p.offset() + p.size()});
      }
    }
    return ranges;
  }

  /** Collects parameter specs; {@link #build(long)} lays them out (shared first) and initialises them. */
  public static final class Builder {
    private record Spec(String name, int[] shape, Init init, int owner, boolean state, boolean rowSparse) {}

    private final List<Spec> specs = new ArrayList<>();
    private final Map<String, Spec> names = new LinkedHashMap<>();

    /** Declares a parameter; the returned handle is resolved to a {@link Parameter} by {@link #build}. */
    public ParameterRef add(String name, Init init, int owner, int... shape) {
      return declare(name, init, owner, false, false, shape);
    }

    /**
     * Declares non-trained state (laid out after every parameter; see the class comment), e.g. a running mean; the
     * owner decides which task's removal takes it along, as for parameters.
     */
    public ParameterRef addState(String name, Init init, int owner, int... shape) {
      return declare(name, init, owner, true, false, shape);
    }

    /**
     * Declares a row-sparse table [rows, width] (torch's {@code nn.Embedding(sparse=True)}): only row ops may read it
     * ({@link io.mtl4j.autodiff.Tape#rowGrad}), and a training step zeroes, reduces across workers, clips and updates
     * only the rows it touched. Its layout and initial values are those {@link #add} would give.
     */
    public ParameterRef addRowSparse(String name, Init init, int owner, int rows, int width) {
      return declare(name, init, owner, false, true, rows, width);
    }

    private ParameterRef declare(String name, Init init, int owner, boolean state, boolean rowSparse, int... shape) {
      if (names.containsKey(name)) {
        throw new IllegalArgumentException("duplicate parameter name '" + name + "'");
      }
      if (owner < Parameter.SHARED) {
        throw new IllegalArgumentException("parameter '" + name + "': owner " + owner + " must be a task index ≥ 0 or SHARED");
      }
      Spec spec = new Spec(name, shape.clone(), init, owner, state, rowSparse);
      specs.add(spec);
      names.put(name, spec);
      return new ParameterRef(name);
    }

    /**
     * Lays out shared parameters first, then the rest in declaration order, then the state, and initialises them
     * from the seed.
     */
    public ParameterBuffer build(long seed) {
      List<Spec> ordered = new ArrayList<>();
      for (Spec s : specs) if (s.owner == Parameter.SHARED && !s.state) ordered.add(s);
      int sharedSize = 0;
      for (Spec s : ordered) sharedSize += size(s.shape);
      for (Spec s : specs) if (s.owner != Parameter.SHARED && !s.state) ordered.add(s);
      int trainableSize = 0;
      for (Spec s : ordered) trainableSize += size(s.shape);
      int trained = ordered.size();
      for (Spec s : specs) if (s.state) ordered.add(s);
      long total = declaredSize();
      if (total > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("model has " + total + " parameters; at most 2^31 fit one buffer");
      }
      float[] values = new float[(int) total];
      List<Parameter> params = new ArrayList<>();
      List<Parameter> rowSparse = new ArrayList<>();
      int offset = 0;
      for (Spec s : ordered) {
        Parameter p = new Parameter(s.name, offset, s.shape, s.owner);
        // A stream per parameter name keeps initial values stable when other parameters are added.
        s.init.fill(values, offset, s.shape, new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * s.name.hashCode())));
        params.add(p);
        if (s.rowSparse) rowSparse.add(p);
        offset += p.size();
      }
      return new ParameterBuffer(values, params, sharedSize, trainableSize, trained, rowSparse);
    }

    /** Values of all parameters declared so far, or {@code Long.MAX_VALUE} if they would overflow a long. */
    public long declaredSize() {
      long total = 0;
      try {
        for (Spec s : specs) {
          long n = 1;
          for (int d : s.shape) n = Math.multiplyExact(n, d);
          total = Math.addExact(total, n);
        }
      } catch (ArithmeticException e) {
        return Long.MAX_VALUE; // more than any buffer or file holds: callers refuse it either way
      }
      return total;
    }

    private static int size(int[] shape) {
      int n = 1;
      for (int d : shape) n *= d;
      return n;
    }
  }

  /** A parameter declared on a builder, looked up by name once the buffer exists. */
  public record ParameterRef(String name) {}
}
