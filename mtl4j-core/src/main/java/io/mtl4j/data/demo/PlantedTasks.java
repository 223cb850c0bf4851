package io.mtl4j.data.demo;

import io.mtl4j.data.Dataset;
import io.mtl4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Eight regression tasks with planted relations, to check that relatedness measures find them: two clusters of three
 * tasks (a1–a3, b1–b3), each cluster sharing one latent signal, and an opposed pair p = relu(s), q = relu(−s). Each
 * signal lives on its own orthonormal direction u; the clusters read g(uᵀx) with g(s) = s + sin(2s). The pair is a
 * representation conflict rather than a sign flip: q is not −p, so no head can turn p's feature into q's, and a
 * narrow shared layer must respond to s > 0 for one and to s < 0 for the other. Each task adds a small term of its
 * own, vᵀx, and noise.
 */
public final class PlantedTasks {
  /** The planted clusters, by task name; {@link #ANTICORRELATED} is the opposed pair (negative label correlation). */
  public static final List<List<String>> CLUSTERS = List.of(List.of("a1", "a2", "a3"), List.of("b1", "b2", "b3"));
  public static final List<String> ANTICORRELATED = List.of("p", "q");
  public static final List<String> TASKS = List.of("a1", "a2", "a3", "b1", "b2", "b3", "p", "q");

  /**
   * @param rows      rows N
   * @param inputs    features D ≥ 3 (x ~ N(0, I))
   * @param ownWeight scale of each task's own term vᵀx (‖v‖ = 1) next to its signal
   * @param noiseStd  standard deviation of the label noise
   */
  public record Options(int rows, int inputs, double ownWeight, double noiseStd) {
    public Options {
      if (rows < 1) throw new IllegalArgumentException("rows = " + rows + ", expected ≥ 1");
      if (inputs < 3) throw new IllegalArgumentException("inputs = " + inputs + ", expected ≥ 3 (one per signal)");
      if (!(ownWeight >= 0) || !(noiseStd >= 0) || Double.isInfinite(ownWeight) || Double.isInfinite(noiseStd)) {
        throw new IllegalArgumentException("ownWeight = " + ownWeight + ", noiseStd = " + noiseStd
            + ": expected finite values ≥ 0");
      }
    }

    /** 2000 rows of 10 inputs, own terms of weight 0.3, noise 0.1. */
    public static Options defaults() {
      return new Options(2000, 10, 0.3, 0.1);
    }
  }

  /** relu(s) of s ~ N(0, 1) has standard deviation 0.58; ×2 brings it near the clusters' g(s) (1.43). */
  static final double PAIR_SCALE = 2;

  private PlantedTasks() {}

  /** N rows of the eight tasks ({@link #TASKS} order), all labels present; the same seed gives the same rows. */
  public static Dataset generate(Options o, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] signals = orthonormal(3, o.inputs(), random);
    double[][] own = new double[TASKS.size()][];
    for (int t = 0; t < own.length; t++) own[t] = unit(o.inputs(), random);
    float[] x = new float[o.rows() * o.inputs()];
    float[][] y = new float[TASKS.size()][o.rows()];
    for (int r = 0; r < o.rows(); r++) {
      double[] row = new double[o.inputs()];
      for (int d = 0; d < row.length; d++) {
        row[d] = random.nextGaussian();
        x[r * o.inputs() + d] = (float) row[d];
      }
      double[] latent = new double[2];
      for (int s = 0; s < 2; s++) latent[s] = g(dot(signals[s], row));
      double pair = dot(signals[2], row);
      for (int t = 0; t < own.length; t++) {
        // Tasks 0–2 read signal 0, 3–5 signal 1; p and q the two halves of signal 2.
        double signal = t < 6 ? latent[t / 3] : PAIR_SCALE * Math.max(0, t == 6 ? pair : -pair);
        y[t][r] = (float) (signal + o.ownWeight() * dot(own[t], row) + o.noiseStd() * random.nextGaussian());
      }
    }
    Dataset.Builder b = Dataset.builder(Tensor.of(x, o.rows(), o.inputs()));
    for (int t = 0; t < own.length; t++) b.task(TASKS.get(t), Tensor.of(y[t], o.rows()));
    return b.build();
  }

  private static double g(double s) {
    return s + Math.sin(2 * s);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  private static double[] unit(int d, SplittableRandom random) {
    double[] v = new double[d];
    for (int i = 0; i < d; i++) v[i] = random.nextGaussian();
    double norm = Math.sqrt(dot(v, v));
    for (int i = 0; i < d; i++) v[i] /= norm;
    return v;
  }

  /** k orthonormal directions in R^d by Gram–Schmidt on Gaussian draws. */
  private static double[][] orthonormal(int k, int d, SplittableRandom random) {
    double[][] u = new double[k][];
    for (int i = 0; i < k; i++) {
      double[] v = unit(d, random);
      for (int j = 0; j < i; j++) {
        double p = dot(v, u[j]);
        for (int c = 0; c < d; c++) v[c] -= p * u[j][c];
      }
      double norm = Math.sqrt(dot(v, v));
      for (int c = 0; c < d; c++) v[c] /= norm;
      u[i] = v;
    }
    return u;
  }
}
