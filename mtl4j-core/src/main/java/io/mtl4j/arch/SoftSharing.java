package io.mtl4j.arch;

import io.mtl4j.autodiff.Elementwise;
import io.mtl4j.autodiff.TaskPenalty;
import io.mtl4j.autodiff.Var;
import io.mtl4j.config.Checks;
import io.mtl4j.nn.Activation;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mlp;
import io.mtl4j.nn.ParameterBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Soft parameter sharing (Duong et al., ACL 2015; Yang &amp; Hospedales, ICLR 2017): one network per task, same shapes,
 * tied by a penalty on each layer's weight matrices, λ_l Σ_{i<j} ‖W_i − W_j‖² or λ_l ‖[vec W_1 … vec W_T]‖_*.
 *
 * <p>The penalty reaches training through {@link Architecture#regularization}: the trainer adds it to every step.
 */
public final class SoftSharing implements Architecture {
  /** How corresponding layers are tied. */
  public enum Penalty { L2_TIE, TRACE_NORM }

  /**
   * @param hidden   layer sizes of each task's network
   * @param penalty  the tie
   * @param strength λ per layer: one value for all layers, or one per layer; 0 leaves a layer untied
   */
  public record Options(int[] hidden, Activation activation, double dropout, Penalty penalty, List<Double> strength)
      implements Factory {
    public Options {
      Checks.layerSizes("soft-sharing", "hidden", hidden);
      if (hidden.length == 0) throw new IllegalArgumentException("soft-sharing: hidden is empty, expected ≥ 1 layer");
      Checks.unitInterval("soft-sharing", "dropout", dropout);
      if (penalty == null) throw new IllegalArgumentException("soft-sharing: penalty is missing, expected l2-tie or trace-norm");
      if (strength == null || (strength.size() != 1 && strength.size() != hidden.length)) {
        throw new IllegalArgumentException("soft-sharing: strength = " + strength + ", expected one value or one per layer ("
            + hidden.length + ")");
      }
      for (double s : strength) {
        if (!(s >= 0 && Double.isFinite(s))) {
          throw new IllegalArgumentException("soft-sharing: strength = " + strength + ", expected finite values ≥ 0");
        }
      }
      strength = List.copyOf(strength);
    }

    public Options(Penalty penalty, double strength, int... hidden) {
      this(hidden, Activation.RELU, 0, penalty, List.of(strength));
    }

    /** λ of layer {@code l}. */
    public double strength(int l) {
      return strength.size() == 1 ? strength.get(0) : strength.get(l);
    }

    public String name() {
      return "soft-sharing";
    }

    public Architecture create(ParameterBuffer.Builder builder, int inputs, int tasks) {
      return new SoftSharing(this, builder, inputs, tasks);
    }
  }

  private final Options options;
  private final List<Mlp> networks = new ArrayList<>();

  private SoftSharing(Options o, ParameterBuffer.Builder builder, int inputs, int tasks) {
    this.options = o;
    for (int t = 0; t < tasks; t++) {
      networks.add(new Mlp(builder, "task" + t + ".net", inputs, o.hidden, o.activation, o.dropout, t));
    }
  }

  @Override
  public TaskRepresentations forward(Graph g, Var input, int[] tasks) {
    Var[] out = new Var[networks.size()];
    for (int t : tasks) out[t] = networks.get(t).forward(g, input);
    return new TaskRepresentations(out);
  }

  @Override
  public Var regularization(Graph g) {
    if (networks.size() < 2) return null;
    Var total = null;
    for (int l = 0; l < options.hidden.length; l++) {
      double lambda = options.strength(l);
      if (lambda == 0) continue;
      Var[] weights = new Var[networks.size()];
      for (int t = 0; t < weights.length; t++) weights[t] = g.param(networks.get(t).parameters().get(2 * l));
      Var p = options.penalty == Penalty.L2_TIE ? TaskPenalty.l2Tie(weights) : TaskPenalty.traceNorm(weights);
      p = Elementwise.scale(p, (float) lambda);
      total = total == null ? p : Elementwise.add(total, p);
    }
    return total;
  }

  /** Task t's weight matrix of layer l, [in, out] (a view). */
  public io.mtl4j.tensor.Tensor weight(ParameterBuffer buffer, int task, int layer) {
    return buffer.value(buffer.get(networks.get(task).parameters().get(2 * layer).name()));
  }

  @Override
  public int outputSize(int task) {
    return options.hidden[options.hidden.length - 1];
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    List<ParameterBuffer.ParameterRef> all = new ArrayList<>();
    for (Mlp m : networks) all.addAll(m.parameters());
    return all;
  }
}
