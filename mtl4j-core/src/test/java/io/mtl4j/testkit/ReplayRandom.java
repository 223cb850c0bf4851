package io.mtl4j.testkit;

import io.mtl4j.weighting.RandomSource;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/** A {@link RandomSource} that hands out recorded draws in order and fails when asked for one it does not have. */
public final class ReplayRandom implements RandomSource {
  private final Deque<int[]> shuffles = new ArrayDeque<>();
  private final double[] gaussians;
  private final double[] uniforms;
  private int nextGaussian;
  private int nextUniform;

  public ReplayRandom(List<int[]> shuffles, double[] gaussians, double[] uniforms) {
    this.shuffles.addAll(shuffles);
    this.gaussians = gaussians.clone();
    this.uniforms = uniforms.clone();
  }

  /** No recorded draws: any request fails. */
  public static ReplayRandom none() {
    return new ReplayRandom(List.of(), new double[0], new double[0]);
  }

  public static ReplayRandom of(GoldenCases.RandomDraws draws) {
    return draws == null ? none() : new ReplayRandom(draws.shuffles(), draws.gaussians(), draws.uniforms());
  }

  @Override
  public double nextGaussian() {
    if (nextGaussian >= gaussians.length) {
      throw new AssertionError("asked for Gaussian draw #" + (nextGaussian + 1) + "; " + gaussians.length + " recorded");
    }
    return gaussians[nextGaussian++];
  }

  @Override
  public double nextUniform() {
    if (nextUniform >= uniforms.length) {
      throw new AssertionError("asked for uniform draw #" + (nextUniform + 1) + "; " + uniforms.length + " recorded");
    }
    return uniforms[nextUniform++];
  }

  /** Replaces {@code values} by the next recorded shuffle, which must be a permutation of them. */
  @Override
  public void shuffle(int[] values) {
    int[] recorded = shuffles.poll();
    if (recorded == null) {
      throw new AssertionError("asked to shuffle " + Arrays.toString(values) + "; no recorded shuffle left");
    }
    int[] a = values.clone();
    int[] b = recorded.clone();
    Arrays.sort(a);
    Arrays.sort(b);
    if (!Arrays.equals(a, b)) {
      throw new AssertionError("recorded shuffle " + Arrays.toString(recorded) + " is not a permutation of "
          + Arrays.toString(values));
    }
    System.arraycopy(recorded, 0, values, 0, values.length);
  }

  /** Null when every recorded draw was used, else what was left over. */
  public String unused() {
    int g = gaussians.length - nextGaussian;
    int u = uniforms.length - nextUniform;
    if (shuffles.isEmpty() && g == 0 && u == 0) {
      return null;
    }
    return "unused recorded draws: " + shuffles.size() + " shuffles, " + g + " Gaussian, " + u + " uniform";
  }
}
