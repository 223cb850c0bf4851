package io.mtl4j.bench;

import io.mtl4j.autodiff.Elementwise;
import io.mtl4j.autodiff.MatMul;
import io.mtl4j.autodiff.Mixture;
import io.mtl4j.autodiff.Reduce;
import io.mtl4j.autodiff.Tape;
import io.mtl4j.autodiff.Var;
import io.mtl4j.tensor.Blas;
import io.mtl4j.tensor.Tensor;
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
 * W1's kernels in isolation: the expert GEMMs (forward and weight gradient), ReLU and the gated mixture, forward +
 * backward through the tape. Shapes: B = 1024, D = 128, E·H = 8·64.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBench {
  private static final int B = 1024, D = 128, E = 8, H = 64;
  private final Tape tape = new Tape();
  private Tensor x, w, bias, hidden, gates, dy;
  private float[] c;

  @Setup
  public void setUp() {
    SplittableRandom r = new SplittableRandom(1);
    x = random(r, B, D);
    w = random(r, D, E * H);
    bias = random(r, E * H);
    hidden = random(r, B, E * H);
    gates = random(r, B, E);
    dy = random(r, B, H);
    c = new float[B * E * H];
  }

  private static Tensor random(SplittableRandom r, int... shape) {
    Tensor t = Tensor.zeros(shape);
    for (int i = 0; i < t.size(); i++) t.set(i, (float) r.nextGaussian());
    return t;
  }

  /** [1024,128]·[128,512]: the expert layer forward, 134 MFLOP. */
  @Benchmark
  public float sgemmExpertsForward() {
    Blas.sgemm(false, false, B, E * H, D, 1f, x.data(), 0, D, w.data(), 0, E * H, 0f, c, 0, E * H);
    return c[0];
  }

  /** [128,1024]ᵀ·[1024,512]: the expert weight gradient, 134 MFLOP. */
  @Benchmark
  public float sgemmExpertsWeightGradient() {
    Blas.sgemm(true, false, D, E * H, B, 1f, x.data(), 0, D, hidden.data(), 0, E * H, 0f, c, 0, E * H);
    return c[0];
  }

  @Benchmark
  public float reluForwardBackward() {
    tape.reset();
    Var h = tape.variable(hidden);
    Var y = Elementwise.relu(h);
    tape.backward(java.util.Map.of(y, hidden), java.util.Set.of());
    return h.grad().get(0);
  }

  @Benchmark
  public float mixtureForwardBackward() {
    tape.reset();
    Var h = tape.variable(hidden);
    Var g = tape.variable(gates);
    Var y = Mixture.mix(h, g);
    tape.backward(java.util.Map.of(y, dy), java.util.Set.of());
    return g.grad().get(0);
  }

  /** Expert layer forward + backward (bias, ReLU) as the model runs it. */
  @Benchmark
  public float expertLayerForwardBackward() {
    tape.reset();
    Var in = tape.constant(x);
    Var wv = tape.variable(w);
    Var bv = tape.variable(bias);
    Var y = Elementwise.relu(MatMul.linear(in, wv, bv));
    tape.backward(Reduce.sum(y));
    return wv.grad().get(0);
  }
}
