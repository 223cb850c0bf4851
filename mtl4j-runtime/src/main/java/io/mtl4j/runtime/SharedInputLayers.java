package io.mtl4j.runtime;

/**
 * Layers that read the same inputs (MMoE's first expert layer and its gates) run as one side-by-side layer: one scan
 * for the nonzero inputs and one wide pass per four of them instead of a scan and narrow passes per layer. Each part's
 * output is bit-identical to its own layer's.
 */
final class SharedInputLayers {
  private final Dense fused;
  private final Dense[] parts;
  private final int[] outputs;
  private final int input;

  /** Parts of one block each, all reading {@code parts[0].in} values at {@code input}. */
  SharedInputLayers(Dense[] parts, int input, Arena arena) {
    this.fused = Dense.sideBySide(parts);
    this.parts = parts.clone();
    this.input = input;
    this.outputs = new int[parts.length];
    int at = arena.take(fused.outputWidth());
    for (int k = 0; k < parts.length; k++) {
      outputs[k] = at;
      at += parts[k].outputWidth();
    }
  }

  void forward(float[] s) {
    fused.forward(s, input, outputs[0]);
    for (int k = 0; k < parts.length; k++) parts[k].activation().apply(s, outputs[k], parts[k].outputWidth());
  }

  /** Where part {@code k}'s output is after {@link #forward}. */
  int output(int k) {
    return outputs[k];
  }
}
