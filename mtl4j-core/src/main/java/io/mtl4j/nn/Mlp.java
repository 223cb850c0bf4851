package io.mtl4j.nn;

import io.mtl4j.autodiff.Var;
import java.util.ArrayList;
import java.util.List;

/** A stack of {@link Linear} layers, each followed by the activation and dropout. */
public final class Mlp implements Module {
  private final List<Linear> layers = new ArrayList<>();
  private final Activation activation;
  private final Dropout dropout;

  /**
   * @param hidden output sizes of each layer; empty means the identity
   */
  public Mlp(ParameterBuffer.Builder builder, String name, int in, int[] hidden, Activation activation, double dropout,
             int owner) {
    this.activation = activation;
    this.dropout = new Dropout(dropout);
    int width = in;
    for (int i = 0; i < hidden.length; i++) {
      layers.add(new Linear(builder, name + "." + i, width, hidden[i], activation.init(), owner));
      width = hidden[i];
    }
  }

  public Var forward(Graph g, Var x) {
    Var h = x;
    for (Linear layer : layers) {
      h = dropout.forward(g, layer.forward(g, h, activation));
    }
    return h;
  }

  /** Output width, or the input width when there are no layers. */
  public int outputSize(int in) {
    return layers.isEmpty() ? in : layers.get(layers.size() - 1).out();
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    List<ParameterBuffer.ParameterRef> all = new ArrayList<>();
    for (Linear l : layers) all.addAll(l.parameters());
    return all;
  }
}
