package io.mtl4j.arch;

import io.mtl4j.autodiff.DSelect;
import io.mtl4j.autodiff.MatMul;
import io.mtl4j.autodiff.Mixture;
import io.mtl4j.autodiff.Softmax;
import io.mtl4j.autodiff.Var;
import io.mtl4j.config.Checks;
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
 * <p>Gate options: {@link Gate#SOFTMAX} (MMoE), {@link Gate#SHARED} (OMoE, the paper's one-gate ablation: one softmax
 * gate shared by all tasks) and {@link Gate#DSELECT} (DSelect-k, Hazimeh et al., NeurIPS 2021: per task, k
 * smooth-step selectors over E = 2^m experts; see {@link DSelect}).
 *
 * <p>All E experts run as one GEMM: the first layer is a single [D, E·H] matrix, deeper expert layers are
 * block-diagonal ({@link MatMul#blockLinear}); each task's representation is its gate's mixture of expert outputs.
 */
public final class MMoE implements Architecture {
  /**
   * @param experts      number of experts E
   * @param expertHidden layer sizes of each expert (the paper's synthetic experiments: one layer)
   * @param gate         how tasks weight the experts
   * @param selectors    DSelect-k's k (number of selectors per task); ignored by the other gates
   * @param gamma        DSelect-k's smooth-step width γ; ignored by the other gates
   */
  public record Options(int experts, int[] expertHidden, Activation activation, double dropout, Gate gate,
                        int selectors, double gamma) implements Factory {
    public Options {
      if (experts < 1) throw new IllegalArgumentException("mmoe: experts = " + experts + ", expected ≥ 1");
      Checks.layerSizes("mmoe", "expertHidden", expertHidden);
      if (expertHidden.length == 0) throw new IllegalArgumentException("mmoe: expertHidden is empty, expected ≥ 1 layer");
      Checks.unitInterval("mmoe", "dropout", dropout);
      if (gate == null) throw new IllegalArgumentException("mmoe: gate is missing, expected softmax, shared or dselect");
      if (gate == Gate.DSELECT) {
        DSelect.bits(experts);
        if (selectors < 1) throw new IllegalArgumentException("dselect-k: selectors = " + selectors + ", expected ≥ 1");
        if (!(gamma > 0 && Double.isFinite(gamma))) {
          throw new IllegalArgumentException("dselect-k: gamma = " + gamma + ", expected a finite value > 0");
        }
      }
    }

    public Options(int experts, int[] expertHidden, Activation activation, double dropout) {
      this(experts, expertHidden, activation, dropout, Gate.SOFTMAX, 2, 1.0);
    }

    public Options(int experts, int... expertHidden) {
      this(experts, expertHidden, Activation.RELU, 0);
    }

    /** The same experts with another gate. */
    public Options withGate(Gate g) {
      return new Options(experts, expertHidden, activation, dropout, g, selectors, gamma);
    }

    public String name() {
      return switch (gate) {
        case SOFTMAX -> "mmoe";
        case SHARED -> "omoe";
        case DSELECT -> "dselect-k";
      };
    }

    public Architecture create(ParameterBuffer.Builder builder, int inputs, int tasks) {
      return new MMoE(this, builder, inputs, tasks);
    }
  }

  /** How tasks weight the experts. */
  public enum Gate { SOFTMAX, SHARED, DSELECT }

  private final Options options;
  private final int tasks;
  private final List<ParameterBuffer.ParameterRef> expertWeights = new ArrayList<>();
  private final List<ParameterBuffer.ParameterRef> expertBiases = new ArrayList<>();
  private final List<Linear> gates = new ArrayList<>();
  private final Dropout dropout;

  private MMoE(Options o, ParameterBuffer.Builder builder, int inputs, int tasks) {
    this.options = o;
    this.dropout = new Dropout(o.dropout);
    this.tasks = tasks;
    int e = o.experts, in = inputs;
    for (int l = 0; l < o.expertHidden.length; l++) {
      int out = o.expertHidden[l];
      // Layer 0 is one [D, E·H] matrix; deeper layers stack E blocks of [H_prev, H] as [E·H_prev, H].
      int[] shape = l == 0 ? new int[] {in, e * out} : new int[] {e * in, out};
      expertWeights.add(builder.add("experts." + l + ".weight", Init.HE_UNIFORM, Parameter.SHARED, shape));
      expertBiases.add(builder.add("experts." + l + ".bias", Init.ZEROS, Parameter.SHARED, e * out));
      in = out;
    }
    switch (o.gate) {
      case SOFTMAX -> {
        for (int t = 0; t < tasks; t++) gates.add(new Linear(builder, "gate" + t, inputs, e, Init.LECUN_UNIFORM, t));
      }
      case SHARED -> gates.add(new Linear(builder, "gate", inputs, e, Init.LECUN_UNIFORM, Parameter.SHARED));
      case DSELECT -> {
        // Per task: the selectors' bit logits z [k·m] and the selector weights α [k] (Eq. 6, per-example gate).
        int m = DSelect.bits(e);
        for (int t = 0; t < tasks; t++) {
          gates.add(new Linear(builder, "gate" + t + ".selectors", inputs, o.selectors * m, Init.LECUN_UNIFORM, t));
          gates.add(new Linear(builder, "gate" + t + ".weights", inputs, o.selectors, Init.LECUN_UNIFORM, t));
        }
      }
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
    if (options.gate == Gate.SHARED) {
      return TaskRepresentations.same(Mixture.mix(h, Softmax.softmax(gates.get(0).forward(g, input), 1)), this.tasks, tasks);
    }
    Var[] out = new Var[this.tasks];
    for (int t : tasks) out[t] = Mixture.mix(h, gate(g, input, t));
    // Per-task gates own everything after the experts: the expert outputs are the shared cut.
    return new TaskRepresentations(out, h);
  }

  /** Task t's expert weights [B, E]. */
  private Var gate(Graph g, Var input, int t) {
    if (options.gate == Gate.SOFTMAX) return Softmax.softmax(gates.get(t).forward(g, input), 1);
    Var bits = gates.get(2 * t).forward(g, input);
    Var weights = Softmax.softmax(gates.get(2 * t + 1).forward(g, input), 1);
    return DSelect.gate(bits, weights, options.experts, (float) options.gamma);
  }

  /** Every gate variant returns a cut: the experts' outputs, or the one shared mixture (omoe). */
  @Override
  public boolean hasSharedCut() {
    return true;
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
