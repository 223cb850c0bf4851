package io.mtl4j.arch;

import io.mtl4j.autodiff.MatMul;
import io.mtl4j.autodiff.Mixture;
import io.mtl4j.autodiff.Softmax;
import io.mtl4j.autodiff.Var;
import io.mtl4j.nn.Activation;
import io.mtl4j.nn.Dropout;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Init;
import io.mtl4j.nn.Linear;
import io.mtl4j.nn.Parameter;
import io.mtl4j.nn.ParameterBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Multi-gate Mixture-of-Experts (Ma et al., KDD 2018): shared experts, one softmax gate per task (Eq. 5–6).
 *
 * <p>All E experts run as one GEMM: the first layer is a single [D, E·H] matrix, deeper expert layers are
 * block-diagonal ({@link MatMul#blockLinear}); each task's representation is its gate's mixture of expert outputs.
 */
public final class MMoE implements Architecture {
  /**
   * @param experts      number of experts E
   * @param expertHidden layer sizes of each expert (the paper's synthetic experiments: one layer)
   */
  public record Options(int experts, int[] expertHidden, Activation activation, double dropout) implements Factory {
    public Options {
      if (experts < 1) throw new IllegalArgumentException("mmoe: experts = " + experts + ", expected ≥ 1");
      Validate.layers("mmoe", "expertHidden", expertHidden);
      if (expertHidden.length == 0) throw new IllegalArgumentException("mmoe: expertHidden is empty, expected ≥ 1 layer");
      Validate.dropout("mmoe", dropout);
    }

    public Options(int experts, int... expertHidden) {
      this(experts, expertHidden, Activation.RELU, 0);
    }

    public String name() {
      return "mmoe";
    }

    public Architecture create(ParameterBuffer.Builder builder, int inputs, int tasks) {
      return new MMoE(this, builder, inputs, tasks);
    }
  }

  private final Options options;
  private final List<ParameterBuffer.ParameterRef> expertWeights = new ArrayList<>();
  private final List<ParameterBuffer.ParameterRef> expertBiases = new ArrayList<>();
  private final List<Linear> gates = new ArrayList<>();
  private final Dropout dropout;

  private MMoE(Options o, ParameterBuffer.Builder builder, int inputs, int tasks) {
    this.options = o;
    this.dropout = new Dropout(o.dropout);
    int e = o.experts, in = inputs;
    for (int l = 0; l < o.expertHidden.length; l++) {
      int out = o.expertHidden[l];
      // Layer 0 is one [D, E·H] matrix; deeper layers stack E blocks of [H_prev, H] as [E·H_prev, H].
      int[] shape = l == 0 ? new int[] {in, e * out} : new int[] {e * in, out};
      expertWeights.add(builder.add("experts." + l + ".weight", Init.HE_UNIFORM, Parameter.SHARED, shape));
      expertBiases.add(builder.add("experts." + l + ".bias", Init.ZEROS, Parameter.SHARED, e * out));
      in = out;
    }
    for (int t = 0; t < tasks; t++) {
      gates.add(new Linear(builder, "gate" + t, inputs, e, Init.LECUN_UNIFORM, t));
    }
  }

  @Override
  public TaskRepresentations forward(Graph g, Var input, int[] tasks) {
    Var h = input;
    for (int l = 0; l < expertWeights.size(); l++) {
      Var w = g.param(expertWeights.get(l)), b = g.param(expertBiases.get(l));
      if (l == 0 && options.activation == Activation.RELU) {
        h = MatMul.linearRelu(h, w, b);
      } else {
        h = options.activation.apply(l == 0 ? MatMul.linear(h, w, b) : MatMul.blockLinear(h, w, b, options.experts));
      }
      h = dropout.forward(g, h);
    }
    Var[] out = new Var[gates.size()];
    for (int t : tasks) {
      Var gate = Softmax.softmax(gates.get(t).forward(g, input), 1);
      out[t] = Mixture.mix(h, gate);
    }
    return new TaskRepresentations(out);
  }

  @Override
  public int outputSize(int task) {
    return options.expertHidden[options.expertHidden.length - 1];
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    List<ParameterBuffer.ParameterRef> all = new ArrayList<>(expertWeights);
    all.addAll(expertBiases);
    for (Linear gate : gates) all.addAll(gate.parameters());
    return all;
  }
}
