package io.mtl4j.runtime;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * mtl4j-runtime's layer kernel on census-income MMoE's first layers (in this package because {@code Dense} is
 * package-private): D = 525 inputs of which 7 numeric and 32 one-hot ones are nonzero, 8 experts × 32 and two gates of
 * 8. One row per call: the experts and gates as three layers, side by side as one, and the one-row loop they replaced.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DenseBench {
  private static final int D = 525, EXPERTS = 8 * 32, GATE = 8, ROWS = 64;
  private Dense experts, gate0, gate1, sideBySide;
  private float[][] rows;
  private float[] s;
  private int next;

  @Setup
  public void setUp() {
    SplittableRandom r = new SplittableRandom(1);
    experts = random(r, EXPERTS, Activation.RELU);
    gate0 = random(r, GATE, Activation.IDENTITY);
    gate1 = random(r, GATE, Activation.IDENTITY);
    sideBySide = Dense.sideBySide(experts, gate0, gate1);
    rows = new float[ROWS][D];
    for (float[] x : rows) {
      for (int i = 0; i < 7; i++) x[i] = (float) r.nextGaussian();
      for (int i = 0; i < 32; i++) x[7 + r.nextInt(D - 7)] = 1f;
    }
    s = new float[D + EXPERTS + 2 * GATE];
  }

  private static Dense random(SplittableRandom r, int out, Activation a) {
    float[] w = new float[D * out], b = new float[out];
    for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
    return new Dense(D, out, 1, w, b, a);
  }

  private void nextRow() {
    System.arraycopy(rows[next++ % ROWS], 0, s, 0, D);
  }

  @Benchmark
  public float threeLayers() {
    nextRow();
    experts.forward(s, 0, D);
    gate0.forward(s, 0, D + EXPERTS);
    gate1.forward(s, 0, D + EXPERTS + GATE);
    return s[D] + s[D + EXPERTS];
  }

  @Benchmark
  public float sideBySide() {
    nextRow();
    sideBySide.forward(s, 0, D);
    return s[D] + s[D + EXPERTS];
  }

  /** The loop before the four-row pass: one weight row per nonzero input, the three layers apart. */
  @Benchmark
  public float threeLayersOneRowLoop() {
    nextRow();
    oneRowLoop(experts, D);
    oneRowLoop(gate0, D + EXPERTS);
    oneRowLoop(gate1, D + EXPERTS + GATE);
    return s[D] + s[D + EXPERTS];
  }

  private void oneRowLoop(Dense d, int y) {
    int out = d.out();
    System.arraycopy(d.bias(), 0, s, y, out);
    for (int i = 0; i < D; i++) {
      float xi = s[i];
      if (xi == 0f) continue;
      for (int j = 0; j < out; j++) s[y + j] += xi * d.weight()[i * out + j];
    }
    d.activation().apply(s, y, out);
  }
}
