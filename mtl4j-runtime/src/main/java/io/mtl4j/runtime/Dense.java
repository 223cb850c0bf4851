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
    for (int e = 0; e < blocks; e++) {
      int xe = x + e * in, ye = y + e * out, we = e * in * out;
      for (int i = 0; i < in; i++) {
        float xi = s[xe + i];
        // One-hot inputs are mostly zeros: skipping their rows is the cheap half of a sparse product.
        if (xi == 0f) continue;
        int w = we + i * out;
        for (int j = 0; j < out; j++) s[ye + j] += xi * weight[w + j];
      }
    }
    activation.apply(s, y, blocks * out);
  }
}
