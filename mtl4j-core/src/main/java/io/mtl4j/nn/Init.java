package io.mtl4j.nn;

import java.util.SplittableRandom;

/** Seeded parameter initialisers; fan-in/fan-out read from a [in, out] shape or a [out, in, kh, kw] kernel. */
public enum Init {
  /** Glorot & Bengio 2010: U(±sqrt(6/(fanIn+fanOut))). */
  XAVIER_UNIFORM,
  /** He et al. 2015 for ReLU layers: U(±sqrt(6/fanIn)). */
  HE_UNIFORM,
  /** PyTorch's nn.Linear default: U(±1/sqrt(fanIn)); used for biases and output layers. */
  LECUN_UNIFORM,
  ZEROS,
  ONES;

  void fill(float[] values, int offset, int[] shape, SplittableRandom random) {
    int n = 1;
    for (int d : shape) n *= d;
    int fanIn = shape.length >= 2 ? shape[shape.length - 2] : shape.length == 1 ? shape[0] : 1;
    int fanOut = shape.length >= 1 ? shape[shape.length - 1] : 1;
    if (shape.length >= 3 && n > 0) {
      // Convolution kernels [out, in, kh, kw] (transposed: [in, out, kh, kw]): PyTorch's fans, dims 1 and 0 times
      // the receptive field. Matrices [in, out] keep the rule above.
      int receptive = n / (shape[0] * shape[1]);
      fanIn = shape[1] * receptive;
      fanOut = shape[0] * receptive;
    }
    double bound = switch (this) {
      case XAVIER_UNIFORM -> Math.sqrt(6.0 / (fanIn + fanOut));
      case HE_UNIFORM -> Math.sqrt(6.0 / fanIn);
      case LECUN_UNIFORM -> 1.0 / Math.sqrt(fanIn);
      case ZEROS, ONES -> 0;
    };
    for (int i = 0; i < n; i++) {
      values[offset + i] = switch (this) {
        case ZEROS -> 0f;
        case ONES -> 1f;
        default -> (float) random.nextDouble(-bound, bound);
      };
    }
  }
}
