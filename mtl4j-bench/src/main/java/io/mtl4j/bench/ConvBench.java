package io.mtl4j.bench;

import io.mtl4j.autodiff.Conv2d;
import io.mtl4j.autodiff.Reduce;
import io.mtl4j.autodiff.Tape;
import io.mtl4j.autodiff.Var;
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
 * The two-head CNN's second convolution (`./mtl4j bench cnn`) on one worker's shard: x [64, 32, 26, 26], weight
 * [64, 32, 3, 3] → [64, 64, 24, 24], through im2col + sgemm; forward alone and forward + backward (weight, bias and
 * input gradients). 1.36 GFLOP forward, 4.08 GFLOP with the backward.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConvBench {
  private static final int N = 64, C = 32, SIDE = 26, F = 64, K = 3;
  private final Tape tape = new Tape();
  private Tensor x, w, bias;

  @Setup
  public void setUp() {
    SplittableRandom r = new SplittableRandom(1);
    x = random(r, N, C, SIDE, SIDE);
    w = random(r, F, C, K, K);
    bias = random(r, F);
  }

  private static Tensor random(SplittableRandom r, int... shape) {
    Tensor t = Tensor.zeros(shape);
    for (int i = 0; i < t.size(); i++) t.set(i, (float) r.nextGaussian());
    return t;
  }

  @Benchmark
  public float conv2dForward() {
    tape.reset();
    return Conv2d.conv2d(tape.constant(x), tape.constant(w), tape.constant(bias), 1, 0).value().get(0);
  }

  @Benchmark
  public float conv2dForwardBackward() {
    tape.reset();
    Var xv = tape.variable(x), wv = tape.variable(w), bv = tape.variable(bias);
    tape.backward(Reduce.sum(Conv2d.conv2d(xv, wv, bv, 1, 0)));
    return wv.grad().get(0);
  }
}
