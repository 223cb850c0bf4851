package io.mtl4j.arch;

import io.mtl4j.autodiff.BlockMix;
import io.mtl4j.autodiff.ConcatSplit;
import io.mtl4j.autodiff.Elementwise;
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
 * Cross-stitch networks (Misra et al., CVPR 2016): one column per task, and after every layer a learned [T, T] linear
 * mixing of the columns' activations (Eq. 1), initialised near the identity.
 *
 * <p>Columns are owned by their task, the stitch matrices are shared. Every task's column is computed in every pass
 * (each representation depends on all columns).
 */
public final class CrossStitch implements Architecture {
  /**
   * @param hidden       layer sizes of each task's column
   * @param selfWeight   initial diagonal of each stitch matrix (the paper's α_S = 0.9); off-diagonal (1 − α_S)/(T − 1)
   */
  public record Options(int[] hidden, Activation activation, double dropout, double selfWeight) implements Factory {
    public Options {
      Checks.layerSizes("cross-stitch", "hidden", hidden);
      if (hidden.length == 0) throw new IllegalArgumentException("cross-stitch: hidden is empty, expected ≥ 1 layer");
      Checks.unitInterval("cross-stitch", "dropout", dropout);
      if (!(selfWeight >= 0 && selfWeight <= 1)) {
        throw new IllegalArgumentException("cross-stitch: selfWeight = " + selfWeight + ", expected 0 ≤ selfWeight ≤ 1");
      }
    }

    public Options(int... hidden) {
      this(hidden, Activation.RELU, 0, 0.9);
    }

    public String name() {
      return "cross-stitch";
    }

    public Architecture create(ParameterBuffer.Builder builder, int inputs, int tasks) {
      return new CrossStitch(this, builder, inputs, tasks);
    }
  }

  private final Options options;
  private final int tasks;
  private final List<List<Linear>> columns = new ArrayList<>(); // [layer][task]
  private final List<ParameterBuffer.ParameterRef> stitches = new ArrayList<>();
  private final Tensor stitchInit;

  private CrossStitch(Options o, ParameterBuffer.Builder builder, int inputs, int tasks) {
    this.options = o;
    this.tasks = tasks;
    int in = inputs;
    for (int l = 0; l < o.hidden.length; l++) {
      List<Linear> layer = new ArrayList<>();
      for (int t = 0; t < tasks; t++) {
        layer.add(new Linear(builder, "task" + t + ".column." + l, in, o.hidden[l], o.activation == Activation.RELU
            ? Init.HE_UNIFORM : Init.XAVIER_UNIFORM, t));
      }
      columns.add(layer);
      // Stored as an offset from the initial mixing (zeros), so a plain initialiser gives α_S / α_D at the start.
      stitches.add(builder.add("stitch." + l, Init.ZEROS, Parameter.SHARED, tasks, tasks));
      in = o.hidden[l];
    }
    this.stitchInit = Tensor.zeros(tasks, tasks);
    double off = tasks == 1 ? 0 : (1 - o.selfWeight) / (tasks - 1);
    for (int i = 0; i < tasks; i++) {
      for (int j = 0; j < tasks; j++) stitchInit.set(i * tasks + j, (float) (i == j ? o.selfWeight : off));
    }
  }

  @Override
  public TaskRepresentations forward(Graph g, Var input, int[] which) {
    Var[] h = new Var[tasks];
    java.util.Arrays.fill(h, input);
    Var init = g.input(stitchInit);
    int width = input.value().dim(1);
    for (int l = 0; l < columns.size(); l++) {
      Var[] out = new Var[tasks];
      for (int t = 0; t < tasks; t++) {
        out[t] = options.activation.apply(columns.get(l).get(t).forward(g, h[t]));
        if (g.mode() == Mode.TRAIN && options.dropout > 0) {
          out[t] = io.mtl4j.autodiff.Dropout.apply(out[t], options.dropout, g.random());
        }
      }
      width = options.hidden[l];
      Var alpha = Elementwise.add(g.param(stitches.get(l)), init);
      Var mixed = BlockMix.mix(tasks == 1 ? out[0] : ConcatSplit.concat(1, out), alpha);
      int[] sizes = new int[tasks];
      java.util.Arrays.fill(sizes, width);
      h = tasks == 1 ? new Var[] {mixed} : ConcatSplit.split(mixed, 1, sizes);
    }
    Var[] rep = new Var[tasks];
    for (int t : which) rep[t] = h[t];
    return new TaskRepresentations(rep);
  }

  /** The current stitch matrix of layer {@code layer} (initial mixing plus the learned offset), [T][T]. */
  public double[][] stitch(ParameterBuffer buffer, int layer) {
    Tensor offset = buffer.value(buffer.get(stitches.get(layer).name()));
    double[][] a = new double[tasks][tasks];
    for (int i = 0; i < tasks; i++) {
      for (int j = 0; j < tasks; j++) a[i][j] = stitchInit.get(i * tasks + j) + offset.get(i * tasks + j);
    }
    return a;
  }

  @Override
  public int outputSize(int task) {
    return options.hidden[options.hidden.length - 1];
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    List<ParameterBuffer.ParameterRef> all = new ArrayList<>();
    for (List<Linear> layer : columns) for (Linear c : layer) all.addAll(c.parameters());
    all.addAll(stitches);
    return all;
  }
}
