package io.mtl4j.runtime;

/** Dense layers one after another (nn.Mlp, a head's tower), each writing its own scratch region. */
final class Mlp {
  private final Dense[] layers;
  private final int[] outputs;
  private final int input;

  /** Reads its input at {@code input}; no layers: the output is the input. */
  Mlp(Dense[] layers, int input, Arena arena) {
    this.layers = layers;
    this.input = input;
    this.outputs = new int[layers.length];
    for (int i = 0; i < layers.length; i++) outputs[i] = arena.take(layers[i].outputWidth());
  }

  void forward(float[] s) {
    int h = input;
    for (int i = 0; i < layers.length; i++) {
      layers[i].forward(s, h, outputs[i]);
      h = outputs[i];
    }
  }

  /** Where the output is after {@link #forward}. */
  int output() {
    return layers.length == 0 ? input : outputs[layers.length - 1];
  }

  /** The output's width, given the input's. */
  int width(int inputWidth) {
    return layers.length == 0 ? inputWidth : layers[layers.length - 1].outputWidth();
  }
}
