package io.mtl4j.arch;

import io.mtl4j.autodiff.Var;
import io.mtl4j.config.Checks;
import io.mtl4j.nn.Activation;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Init;
import io.mtl4j.nn.Linear;
import io.mtl4j.nn.Mlp;
import io.mtl4j.nn.ParameterBuffer;
import java.util.ArrayList;
import java.util.List;

/** A task's own tower: hidden layers, then a linear output of the task type's width (logits). */
public final class Head implements TaskHead {
  /** @param hidden tower layer sizes (may be empty: the output layer sits right on the representation) */
  public record Options(int[] hidden, Activation activation, double dropout) {
    public Options {
      Checks.layerSizes("head", "hidden", hidden);
      Checks.unitInterval("head", "dropout", dropout);
    }

    public Options(int... hidden) {
      this(hidden, Activation.RELU, 0);
    }
  }

  private final Mlp tower;
  private final Linear output;

  Head(ParameterBuffer.Builder builder, String name, int in, Options o, int outputWidth, int task) {
    this.tower = new Mlp(builder, name + ".tower", in, o.hidden, o.activation, o.dropout, task);
    this.output = new Linear(builder, name + ".out", tower.outputSize(in), outputWidth, Init.LECUN_UNIFORM, task);
  }

  /** representation [B, H] → logits [B, outputWidth]. */
  public Var forward(Graph g, Var representation) {
    return output.forward(g, tower.forward(g, representation));
  }

  @Override
  public Var forward(Graph g, Input input) {
    return forward(g, input.representation());
  }

  @Override
  public boolean readsFeatureMap() {
    return false;
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    List<ParameterBuffer.ParameterRef> all = new ArrayList<>(tower.parameters());
    all.addAll(output.parameters());
    return all;
  }
}
