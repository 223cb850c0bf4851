package io.mtl4j.arch;

import io.mtl4j.autodiff.Var;
import io.mtl4j.config.Checks;
import io.mtl4j.nn.Activation;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mlp;
import io.mtl4j.nn.ParameterBuffer;
import java.util.ArrayList;
import java.util.List;

/** Independent networks, one per task, sharing nothing: the baseline every multi-task comparison needs. */
public final class SingleTask implements Architecture {
  /** @param hidden layer sizes of each task's network */
  public record Options(int[] hidden, Activation activation, double dropout) implements Factory {
    public Options {
      Checks.layerSizes("single-task", "hidden", hidden);
      Checks.unitInterval("single-task", "dropout", dropout);
    }

    public Options(int... hidden) {
      this(hidden, Activation.RELU, 0);
    }

    public String name() {
      return "single-task";
    }

    public Architecture create(ParameterBuffer.Builder builder, int inputs, int tasks) {
      return new SingleTask(this, builder, inputs, tasks);
    }
  }

  private final List<Mlp> networks = new ArrayList<>();
  private final int width;

  private SingleTask(Options o, ParameterBuffer.Builder builder, int inputs, int tasks) {
    for (int t = 0; t < tasks; t++) {
      networks.add(new Mlp(builder, "task" + t + ".net", inputs, o.hidden, o.activation, o.dropout, t));
    }
    this.width = o.hidden.length == 0 ? inputs : o.hidden[o.hidden.length - 1];
  }

  @Override
  public TaskRepresentations forward(Graph g, Var input, int[] tasks) {
    Var[] out = new Var[networks.size()];
    for (int t : tasks) out[t] = networks.get(t).forward(g, input);
    return new TaskRepresentations(out);
  }

  @Override
  public int outputSize(int task) {
    return width;
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    List<ParameterBuffer.ParameterRef> all = new ArrayList<>();
    for (Mlp m : networks) all.addAll(m.parameters());
    return all;
  }
}
