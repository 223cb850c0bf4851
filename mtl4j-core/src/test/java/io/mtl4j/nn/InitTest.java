package io.mtl4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InitTest {
  /** PyTorch's fans for a kernel [out, in, kh, kw]: fan-in = in·kh·kw, fan-out = out·kh·kw. */
  @Test
  void convolutionKernelsUseTheReceptiveFieldInTheirFans() {
    int out = 8, in = 4, k = 3;
    float[] w = new float[out * in * k * k];
    Init.LECUN_UNIFORM.fill(w, 0, new int[] {out, in, k, k}, new SplittableRandom(3));
    double bound = 1 / Math.sqrt(in * k * k), max = 0;
    for (float v : w) max = Math.max(max, Math.abs(v));
    assertThat(max).isLessThanOrEqualTo(bound).isGreaterThan(0.9 * bound);
    Init.XAVIER_UNIFORM.fill(w, 0, new int[] {out, in, k, k}, new SplittableRandom(3));
    double xavier = Math.sqrt(6.0 / (in * k * k + out * k * k));
    max = 0;
    for (float v : w) max = Math.max(max, Math.abs(v));
    assertThat(max).isLessThanOrEqualTo(xavier).isGreaterThan(0.9 * xavier);
  }

  @Test
  void matricesKeepInOutFans() {
    float[] w = new float[30 * 2];
    Init.LECUN_UNIFORM.fill(w, 0, new int[] {30, 2}, new SplittableRandom(3));
    double max = 0;
    for (float v : w) max = Math.max(max, Math.abs(v));
    assertThat(max).isLessThanOrEqualTo(1 / Math.sqrt(30)).isGreaterThan(0.9 / Math.sqrt(30));
  }
}
