package io.mtl4j.cli.bench;

import io.mtl4j.autodiff.ConcatSplit;
import io.mtl4j.autodiff.Elementwise;
import io.mtl4j.autodiff.Var;
import io.mtl4j.nn.Activation;
import io.mtl4j.nn.Conv2d;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Init;
import io.mtl4j.nn.Linear;
import io.mtl4j.nn.Parameter;
import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.nn.Pool2d;

/**
 * The seeds' two-head CNN for 1×28×28 images, built straight from layers (bench/python/cnn_step.py is its PyTorch
 * twin): conv 3×3 → 32, ReLU, conv 3×3 → 64, ReLU, 2×2 max pooling, dense 9216 → 64, ReLU, and one 64 → classes head
 * per task. Layers and inits are PyTorch's defaults (U(±1/√fan-in) weights); the biases start at zero.
 */
final class TwoHeadCnn {
  static final int SIDE = 28, CONV1 = 32, CONV2 = 64, DENSE = 64;
  private static final int POOLED = (SIDE - 4) / 2;

  private final ParameterBuffer buffer;
  private final Conv2d conv1;
  private final Conv2d conv2;
  private final Pool2d pool = Pool2d.max(2);
  private final Linear dense;
  private final Linear[] heads;

  TwoHeadCnn(int tasks, int classes, long seed) {
    ParameterBuffer.Builder b = ParameterBuffer.builder();
    conv1 = new Conv2d(b, "conv1", 1, CONV1, 3, 1, 0, Init.LECUN_UNIFORM, Parameter.SHARED);
    conv2 = new Conv2d(b, "conv2", CONV1, CONV2, 3, 1, 0, Init.LECUN_UNIFORM, Parameter.SHARED);
    dense = new Linear(b, "dense", CONV2 * POOLED * POOLED, DENSE, Init.LECUN_UNIFORM, Parameter.SHARED);
    heads = new Linear[tasks];
    for (int t = 0; t < tasks; t++) heads[t] = new Linear(b, "head" + t, DENSE, classes, Init.LECUN_UNIFORM, t);
    buffer = b.build(seed);
  }

  ParameterBuffer buffer() {
    return buffer;
  }

  /** images [B, 1, 28, 28] → one logits [B, classes] per task. */
  Var[] forward(Graph g, Var images) {
    Var h = Elementwise.relu(conv1.forward(g, images));
    h = pool.forward(Elementwise.relu(conv2.forward(g, h)));
    h = dense.forward(g, ConcatSplit.reshape(h, h.shape()[0], CONV2 * POOLED * POOLED), Activation.RELU);
    Var[] logits = new Var[heads.length];
    for (int t = 0; t < heads.length; t++) logits[t] = heads[t].forward(g, h);
    return logits;
  }

  /**
   * GEMM flops of one training step, the same formula as bench/python/cnn_step.py: forward and weight gradient of
   * every layer, plus the input gradient of all but the first convolution (the images need none).
   */
  static double flopsPerStep(int batch, int tasks, int classes) {
    double conv1 = 26.0 * 26 * CONV1 * 9, conv2 = 24.0 * 24 * CONV2 * CONV1 * 9;
    double dense = (double) CONV2 * POOLED * POOLED * DENSE, heads = (double) tasks * DENSE * classes;
    return 2.0 * batch * (2 * conv1 + 3 * conv2 + 3 * dense + 3 * heads);
  }
}
