package io.mtl4j.arch;

import io.mtl4j.autodiff.Var;
import io.mtl4j.config.Checks;
import io.mtl4j.nn.Activation;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mlp;
import io.mtl4j.nn.Parameter;
import io.mtl4j.nn.ParameterBuffer;
import java.util.List;

/** Hard parameter sharing (Caruana 1997): one shared bottom network feeding every task's head. */
public final class SharedBottom implements Architecture {
  /** @param hidden layer sizes of the shared bottom */
  public record Options(int[] hidden, Activation activation, double dropout) implements Factory {
    public Options {
      Checks.layerSizes("shared-bottom", "hidden", hidden);
      Checks.unitInterval("shared-bottom", "dropout", dropout);
    }

    public Options(int... hidden) {
      this(hidden, Activation.RELU, 0);
    }

    public String name() {
      return "shared-bottom";
    }

    public Architecture create(ParameterBuffer.Builder builder, int inputs, int tasks) {
      return new SharedBottom(this, builder, inputs, tasks);
    }
  }

  private final Mlp bottom;
  private final int tasks;
  private final int width;

  private SharedBottom(Options o, ParameterBuffer.Builder builder, int inputs, int tasks) {
    this.bottom = new Mlp(builder, "bottom", inputs, o.hidden, o.activation, o.dropout, Parameter.SHARED);
    this.tasks = tasks;
    this.width = o.hidden.length == 0 ? inputs : o.hidden[o.hidden.length - 1];
  }

  @Override
  public TaskRepresentations forward(Graph g, Var input, int[] which) {
    return TaskRepresentations.same(bottom.forward(g, input), tasks, which);
  }

  /** The bottom's output, which every head reads. */
  @Override
  public boolean hasSharedCut() {
    return true;
  }

  @Override
  public int outputSize(int task) {
    return width;
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    return bottom.parameters();
  }
}
