package io.mtl4j.arch;

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
import java.util.SplittableRandom;

/**
 * Multi-Task Attention Network for MLP trunks (Liu et al., CVPR 2019): one shared trunk; at every trunk layer each task
 * computes a per-feature sigmoid mask from the layer's features and its own previous attended features, and takes
 * mask ⊙ features (Eq. 1, with linear layers in place of convolutions).
 */
public final class MTAN implements Architecture {
  /** @param hidden layer sizes of the shared trunk */
  public record Options(int[] hidden, Activation activation, double dropout) implements Factory {
    public Options {
      Checks.layerSizes("mtan", "hidden", hidden);
      if (hidden.length == 0) throw new IllegalArgumentException("mtan: hidden is empty, expected ≥ 1 layer");
      Checks.unitInterval("mtan", "dropout", dropout);
    }

    public Options(int... hidden) {
      this(hidden, Activation.RELU, 0);
    }

    public String name() {
      return "mtan";
    }

    public Architecture create(ParameterBuffer.Builder builder, int inputs, int tasks) {
      return new MTAN(this, builder, inputs, tasks);
    }
  }

  private final Options options;
  private final int tasks;
  private final List<Linear> trunk = new ArrayList<>();
  private final List<List<Linear>> attention = new ArrayList<>(); // [layer][task]

  private MTAN(Options o, ParameterBuffer.Builder builder, int inputs, int tasks) {
    this.options = o;
    this.tasks = tasks;
    int in = inputs;
    for (int l = 0; l < o.hidden.length; l++) {
      int h = o.hidden[l];
      trunk.add(new Linear(builder, "trunk." + l, in, h, o.activation == Activation.RELU ? Init.HE_UNIFORM
          : Init.XAVIER_UNIFORM, Parameter.SHARED));
      List<Linear> masks = new ArrayList<>();
      // Layer 0's mask sees the trunk features; deeper ones also the task's attended features of the layer below.
      int maskIn = l == 0 ? h : h + o.hidden[l - 1];
      for (int t = 0; t < tasks; t++) {
        masks.add(new Linear(builder, "task" + t + ".attention." + l, maskIn, h, Init.XAVIER_UNIFORM, t));
      }
      attention.add(masks);
      in = h;
    }
  }

  @Override
  public TaskRepresentations forward(Graph g, Var input, int[] which) {
    return new TaskRepresentations(run(g, input, which, null));
  }

  private Var[] run(Graph g, Var input, int[] which, List<Var[]> masksOut) {
    Var h = input;
    Var[] attended = new Var[tasks];
    for (int l = 0; l < trunk.size(); l++) {
      h = options.activation.apply(trunk.get(l).forward(g, h));
      if (g.mode() == Mode.TRAIN && options.dropout > 0) h = io.mtl4j.autodiff.Dropout.apply(h, options.dropout, g.random());
      Var[] masks = new Var[tasks];
      Var[] next = new Var[tasks];
      for (int t : which) {
        Var features = l == 0 ? h : ConcatSplit.concat(1, h, attended[t]);
        masks[t] = Elementwise.sigmoid(attention.get(l).get(t).forward(g, features));
        next[t] = Elementwise.mul(h, masks[t]);
      }
      if (masksOut != null) masksOut.add(masks);
      attended = next;
    }
    return attended;
  }

  /**
   * What each task takes from the trunk: the mean attention mask over the rows of {@code features}, as
   * [task][layer][unit] (values in (0, 1); 1 = the feature passes unchanged).
   */
  public double[][][] meanAttention(ParameterBuffer buffer, Tensor features, int batchSize) {
    double[][][] sum = new double[tasks][trunk.size()][];
    for (int t = 0; t < tasks; t++) for (int l = 0; l < trunk.size(); l++) sum[t][l] = new double[options.hidden[l]];
    int[] all = new int[tasks];
    for (int t = 0; t < tasks; t++) all[t] = t;
    Graph g = new Graph(buffer, null);
    int rows = features.rows();
    for (int from = 0; from < rows; from += batchSize) {
      int to = Math.min(rows, from + batchSize);
      g.begin(Mode.EVAL, new SplittableRandom(0));
      List<Var[]> masks = new ArrayList<>();
      run(g, g.input(features.rowSlice(from, to)), all, masks);
      for (int l = 0; l < masks.size(); l++) {
        for (int t = 0; t < tasks; t++) {
          Tensor m = masks.get(l)[t].value();
          int w = options.hidden[l];
          for (int i = 0; i < m.size(); i++) sum[t][l][i % w] += m.get(i);
        }
      }
    }
    for (double[][] perTask : sum) for (double[] layer : perTask) for (int i = 0; i < layer.length; i++) layer[i] /= rows;
    return sum;
  }

  @Override
  public int outputSize(int task) {
    return options.hidden[options.hidden.length - 1];
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    List<ParameterBuffer.ParameterRef> all = new ArrayList<>();
    for (Linear l : trunk) all.addAll(l.parameters());
    for (List<Linear> masks : attention) for (Linear m : masks) all.addAll(m.parameters());
    return all;
  }
}
