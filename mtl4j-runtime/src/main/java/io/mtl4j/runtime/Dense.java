package io.mtl4j.runtime;

/**
 * A linear layer and its activation, y = act(x · W + b), over regions of a scratch array: W [in, out] row-major as
 * mtl4j stores {@code nn.Linear}. With {@code blocks} E &gt; 1 it is {@code autodiff.MatMul.blockLinear}: E experts side
 * by side, x [E·in] and W [E·in, out] → y [E·out], each block times its own W_e.
 */
record Dense(int in, int out, int blocks, float[] weight, float[] bias, Activation activation) {
  Dense {
    if ((long) blocks * in * out != weight.length || (long) blocks * out != bias.length) {
      throw new IllegalArgumentException("dense layer: weight " + weight.length + " and bias " + bias.length
          + " values do not fit " + blocks + " block(s) of [" + in + ", " + out + "]");
    }
  }

  /**
   * One layer [in, Σ out] of single-block layers that read the same inputs: their weights' columns and their biases
   * side by side, identity activation (the parts' own activations apply to their slices of its output). Each output
   * still sums the same terms in the same order, so the parts' outputs are bit-identical to their own.
   */
  static Dense sideBySide(Dense... parts) {
    int in = parts[0].in, width = 0;
    for (Dense d : parts) {
      if (d.blocks != 1 || d.in != in) {
        throw new IllegalArgumentException("side by side: layers of one block and " + in + " inputs, got " + d.blocks
            + " block(s) of " + d.in);
      }
      width += d.out;
    }
    float[] w = new float[in * width], b = new float[width];
    int at = 0;
    for (Dense d : parts) {
      for (int i = 0; i < in; i++) System.arraycopy(d.weight, i * d.out, w, i * width + at, d.out);
      System.arraycopy(d.bias, 0, b, at, d.out);
      at += d.out;
    }
    return new Dense(in, width, 1, w, b, Activation.IDENTITY);
  }

  /** Input width of the whole layer (E·in). */
  int inputWidth() {
    return blocks * in;
  }

  /** Output width of the whole layer (E·out). */
  int outputWidth() {
    return blocks * out;
  }

  /** s[y, y + E·out) = act(s[x, x + E·in) · W + b); the regions must not overlap. */
  void forward(float[] s, int x, int y) {
    System.arraycopy(bias, 0, s, y, blocks * out);
    for (int e = 0; e < blocks; e++) accumulate(s, x + e * in, y + e * out, e * in * out);
    activation.apply(s, y, blocks * out);
  }

  /**
   * s[y, y + out) += Σ_i s[x + i] · W[i, ·] over the nonzero inputs (one-hot inputs are mostly zeros: skipping their
   * rows is the cheap half of a sparse product), four weight rows per pass: each output is loaded and stored once per
   * four inputs instead of once per input (about half the time of the one-row loop, see the JMH {@code DenseBench};
   * JDK 17's C2 vectorises neither loop here: -XX:-UseSuperWord leaves both times unchanged), and every output still
   * adds its terms one by one in input order, so the sums are bit-identical to the one-row loop's.
   */
  private void accumulate(float[] s, int x, int y, int w) {
    int end = x + in;
    int i0 = nonzero(s, x, end);
    while (i0 < end) {
      int i1 = nonzero(s, i0 + 1, end), i2 = nonzero(s, i1 + 1, end), i3 = nonzero(s, i2 + 1, end);
      if (i3 >= end) {
        for (int i = i0; i < end; i = nonzero(s, i + 1, end)) addRow(s, s[i], y, w + (i - x) * out);
        return;
      }
      float x0 = s[i0], x1 = s[i1], x2 = s[i2], x3 = s[i3];
      int w0 = w + (i0 - x) * out, w1 = w + (i1 - x) * out, w2 = w + (i2 - x) * out, w3 = w + (i3 - x) * out;
      for (int j = 0; j < out; j++) {
        s[y + j] = s[y + j] + x0 * weight[w0 + j] + x1 * weight[w1 + j] + x2 * weight[w2 + j] + x3 * weight[w3 + j];
      }
      i0 = nonzero(s, i3 + 1, end);
    }
  }

  private void addRow(float[] s, float xi, int y, int w) {
    for (int j = 0; j < out; j++) s[y + j] += xi * weight[w + j];
  }

  /** The first index from {@code i} on whose input is not zero; {@code end} or more when there is none. */
  private static int nonzero(float[] s, int i, int end) {
    while (i < end && s[i] == 0f) i++;
    return i;
  }
}
