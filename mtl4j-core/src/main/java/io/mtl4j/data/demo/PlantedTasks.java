package io.mtl4j.data.demo;

import io.mtl4j.data.Dataset;
import io.mtl4j.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Eight regression tasks with planted relations, to check that relatedness measures find them: two clusters of three
 * tasks (a1–a3, b1–b3), each cluster sharing one latent signal, and an opposed pair p = 2·(0.3·c + b) + 0.7·g(e_p),
 * q = 2·(0.3·c − b) + 0.7·g(e_q). Each signal is uᵀx on its own orthonormal direction u; the clusters read g(uᵀx) with
 * g(s) = s + sin(2s). The pair reads b with opposite signs, a weaker common signal c with the same sign, and a private
 * signal e each: its labels are anti-correlated (ρ ≈ −0.65) without being a sign flip, so no head can turn p's
 * feature into q's. Its conflicts, by construction:
 * <ul>
 *   <li>in a shared layer too narrow to carry both b and c for them (c + b against c − b): a unit carrying
 *       b serves both through heads of opposite sign and leaves both residuals with +c, one carrying c leaves them
 *       with ±b; either way one task's gradient on that unit opposes the other's;
 *   <li>in a model of the pair alone with room for both: each task learns its linear part alone from its rows, so the
 *       partner brings nothing it lacks and costs it the partner's private signal, as an unrelated task does. Without
 *       private signals (the earlier p = relu(s), q = relu(−s)) the pair fitted side by side and pairwise transfer
 *       measured no loss (within a few % of zero, no consistent sign over seeds).
 * </ul>
 * Each task adds a small term of its own, vᵀx, and noise.
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
      if (inputs < 6) throw new IllegalArgumentException("inputs = " + inputs + ", expected ≥ 6 (one per signal)");
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

  /** Scale of the pair's linear part, 2·(0.3·c ± b): standard deviation 2.09, near the clusters' g(s) (1.43). */
  static final double PAIR_SCALE = 2;
  /** Weight of the common signal c beside the opposed b: small enough that the labels stay anti-correlated. */
  static final double COMMON = 0.3;
  /**
   * Weight of the private signals: variance 0.49 · 2.04 against the linear part's 4.36, which keeps ρ(p, q) near
   * −0.65 and costs a pair model enough to lose (−10 to −30 %).
   */
  static final double PRIVATE = 0.7;

  private PlantedTasks() {}

  /** N rows of the eight tasks ({@link #TASKS} order), all labels present; the same seed gives the same rows. */
  public static Dataset generate(Options o, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] signals = orthonormal(new double[0][], 3, o.inputs(), random);
    double[][] own = new double[TASKS.size()][];
    for (int t = 0; t < own.length; t++) own[t] = unit(o.inputs(), random);
    // c, e_p and e_q come from a stream of their own, so that x and the clusters' labels stay what they were before
    // the pair had them (the tests' seeds keep their data).
    double[][] directions = orthonormal(signals, 3, o.inputs(), new SplittableRandom(~seed));
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
      double opposed = dot(signals[2], row), common = dot(directions[5], row);
      for (int t = 0; t < own.length; t++) {
        // Tasks 0–2 read signal 0, 3–5 signal 1; p and q ±b (signal 2), e (directions 3, 4) and c (5).
        double signal = t < 6 ? latent[t / 3]
            : PAIR_SCALE * (COMMON * common + (t == 6 ? opposed : -opposed)) + PRIVATE * g(dot(directions[t - 3], row));
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

  /** {@code given} orthonormal directions in R^d and k more, by Gram–Schmidt on Gaussian draws. */
  private static double[][] orthonormal(double[][] given, int k, int d, SplittableRandom random) {
    double[][] u = Arrays.copyOf(given, given.length + k);
    for (int i = given.length; i < u.length; i++) {
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
