package io.mtl4j.runtime;

/**
 * E experts side by side, as mtl4j-core runs them: the first layer one [D, E·H] matrix, deeper layers block-diagonal
 * [E·H_prev, H]; the output is [E·H], expert e's H values at e·H. Shared by the mixture architectures.
 */
final class Experts {
  private final Mlp layers;
  final int count;
  final int width;

  /** {@code prefix}.0, {@code prefix}.1, … over {@code inputs} values at {@code input}. */
  Experts(Parameters p, String prefix, int count, int[] hidden, Activation a, int inputs, int input, Arena arena) {
    this(layers(p, prefix, count, hidden, a, inputs), count, inputs, input, arena);
  }

  /**
   * Experts running {@code layers} over {@code inputWidth} values at {@code input}. A caller that computes the first
   * layer itself (fused with others reading the same inputs) passes the deeper layers and the first one's output.
   */
  Experts(Dense[] layers, int count, int inputWidth, int input, Arena arena) {
    this.layers = new Mlp(layers, input, arena);
    this.count = count;
    this.width = this.layers.width(inputWidth) / count;
  }

  /** The layers {@code prefix}.0, {@code prefix}.1, … of {@code count} experts reading {@code inputs} values. */
  static Dense[] layers(Parameters p, String prefix, int count, int[] hidden, Activation a, int inputs) {
    Dense[] d = new Dense[hidden.length];
    int in = inputs;
    for (int l = 0; l < hidden.length; l++) {
      d[l] = l == 0 ? p.dense(prefix + ".0", in, count * hidden[0], a) : p.blocks(prefix + "." + l, in, count, a);
      if (d[l].outputWidth() != count * hidden[l]) {
        throw new io.mtl4j.io.ModelFileException(p.file(), "expert layer '" + prefix + "." + l + "' gives "
            + d[l].outputWidth() + " outputs, expected " + count + " experts × " + hidden[l]);
      }
      in = d[l].outputWidth();
    }
    return d;
  }

  void forward(float[] s) {
    layers.forward(s);
  }

  /** Where the experts' outputs [E·H] are after {@link #forward}. */
  int output() {
    return layers.output();
  }

  /**
   * s[out, out + H) += Σ_e gate_e · expert_e for this group's E experts, their gates at s[gates, gates + E)
   * (autodiff.Mixture and GroupMixture in eval mode).
   */
  void mixInto(float[] s, int gates, int out) {
    int x = layers.output();
    for (int e = 0; e < count; e++) {
      float g = s[gates + e];
      int xe = x + e * width;
      for (int h = 0; h < width; h++) s[out + h] += g * s[xe + h];
    }
  }
}
