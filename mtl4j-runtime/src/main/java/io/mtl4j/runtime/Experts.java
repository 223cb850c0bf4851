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
    this.layers = new Mlp(d, input, arena);
    this.count = count;
    this.width = in / count;
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
