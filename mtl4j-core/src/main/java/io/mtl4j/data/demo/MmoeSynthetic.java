package io.mtl4j.data.demo;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Synthetic tasks of tunable correlation from Ma et al., KDD 2018 (MMoE), Sec. 3.2. */
public final class MmoeSynthetic {

  /**
   * The generator's settings. With {@code tasks == 2} this is exactly the paper's recipe: w₁ = c·u₁,
   * w₂ = c·(p·u₁ + √(1−p²)·u₂). For T &gt; 2 every task t ≥ 2 gets its own orthonormal direction,
   * w_t = c·(p·u₁ + √(1−p²)·u_t), so Pearson(w₁ᵀx, w_tᵀx) = p and Pearson(w_sᵀx, w_tᵀx) = p² for s, t ≥ 2.
   *
   * @param inputs input dimension d (paper: 100); must be at least {@code tasks}
   * @param correlation p, the cosine between w₁ and every other w_t, in [−1, 1]
   * @param tasks number of tasks T ≥ 2 (paper: 2)
   * @param scale c, the norm of every w_t (PLE paper: 1)
   * @param sines m, the number of sinusoidal terms (PLE paper: 10)
   * @param noiseStd standard deviation of ε. The paper writes ε ~ N(0, 0.01); in the usual N(mean, variance)
   *     notation that is variance 0.01, so the default is a standard deviation of 0.1
   */
  public record Options(
      int inputs, double correlation, int tasks, double scale, int sines, double noiseStd) {
    public Options {
      if (tasks < 2) {
        throw new IllegalArgumentException("tasks = " + tasks + ": need at least 2 tasks");
      }
      if (inputs < tasks) {
        throw new IllegalArgumentException(
            "inputs = " + inputs + ": need at least tasks = " + tasks + " inputs for orthogonal directions");
      }
      if (!(correlation >= -1.0 && correlation <= 1.0)) {
        throw new IllegalArgumentException("correlation = " + correlation + ": must be in [-1, 1]");
      }
      if (!(scale > 0.0) || Double.isInfinite(scale)) {
        throw new IllegalArgumentException("scale = " + scale + ": must be positive and finite");
      }
      if (sines < 0) {
        throw new IllegalArgumentException("sines = " + sines + ": must be >= 0");
      }
      if (!(noiseStd >= 0.0) || Double.isInfinite(noiseStd)) {
        throw new IllegalArgumentException("noiseStd = " + noiseStd + ": must be >= 0 and finite");
      }
    }

    /** The paper's setting for correlation p: d = 100, T = 2, c = 1, m = 10, noise std 0.1. */
    public static Options paper(double correlation) {
      return new Options(100, correlation, 2, 1.0, 10, 0.1);
    }

    public Options withCorrelation(double correlation) {
      return new Options(inputs, correlation, tasks, scale, sines, noiseStd);
    }
  }

  /**
   * Generated rows. Arrays are handed over, not copied (record equality is by reference).
   *
   * @param features row-major [rows, inputs]
   * @param targets [tasks][rows]: real-valued y_t, or 0/1 labels for {@link #generateBinary}
   */
  public record Sample(int rows, int inputs, float[] features, float[][] targets) {
    public Sample {
      if ((long) rows * inputs != features.length) {
        throw new IllegalArgumentException(
            "features.length = " + features.length + ": expected rows × inputs = " + rows + " × " + inputs);
      }
      for (int t = 0; t < targets.length; t++) {
        if (targets[t].length != rows) {
          throw new IllegalArgumentException(
              "targets[" + t + "].length = " + targets[t].length + ": expected rows = " + rows);
        }
      }
    }

    public int tasks() {
      return targets.length;
    }
  }

  private final Options options;
  private final double[][] directions; // u_1..u_T, orthonormal, [T][d]
  private final double[] alphas; // α_i, [m]
  private final double[] betas; // β_i, [m]
  private final double[][] weights; // w_t, [T][d]
  private final double threshold;

  private MmoeSynthetic(Options options, double[][] directions, double[] alphas, double[] betas) {
    this.options = options;
    this.directions = directions;
    this.alphas = alphas;
    this.betas = betas;
    this.weights = weights(options, directions);
    this.threshold = TargetMedian.of(this::signal, options.scale(), options.noiseStd());
  }

  /**
   * Draws the generator (u_t, α_i, β_i) from {@code generatorSeed}. The draw does not depend on the
   * correlation, so a study that keeps the seed and varies p compares tasks built on the same directions and
   * sinusoids. Directions come from their own split stream, α and β from another: u₁..u_k do not change when
   * T grows beyond k (Gram-Schmidt is sequential), and α, β do not change with d or T. The same seed and
   * options give the same draw (on the same JDK: Gaussians come from {@link SplittableRandom#nextGaussian()}).
   */
  public static MmoeSynthetic draw(Options options, long generatorSeed) {
    SplittableRandom root = new SplittableRandom(generatorSeed);
    SplittableRandom directionRng = root.split();
    SplittableRandom sineRng = root.split();
    double[][] directions = orthonormalDirections(options.tasks(), options.inputs(), directionRng);
    double[] alphas = gaussians(options.sines(), sineRng); // PLE paper: α_i, β_i ~ N(0, 1)
    double[] betas = gaussians(options.sines(), sineRng);
    return new MmoeSynthetic(options, directions, alphas, betas);
  }

  /** Shorthand for {@code draw(options, generatorSeed).generate(rowSeed, rows)}. */
  public static Sample generate(Options options, long generatorSeed, long rowSeed, int rows) {
    return draw(options, generatorSeed).generate(rowSeed, rows);
  }

  /**
   * Draws {@code rows} rows x ~ N(0, I_d) and y_t = w_tᵀx + Σᵢ sin(αᵢ·w_tᵀx + βᵢ) + ε_t (Sec. 3.2, step 4).
   * Features come from one stream split from {@code rowSeed} and each task's noise from its own, so the same
   * row seed gives the same x for every p and T. Targets are computed from the stored float features.
   */
  public Sample generate(long rowSeed, int rows) {
    int d = options.inputs();
    if (rows < 0 || (long) rows * d > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "rows = " + rows + ": must be >= 0 with rows × inputs (" + d + ") fitting in one array");
    }
    SplittableRandom root = new SplittableRandom(rowSeed);
    SplittableRandom featureRng = root.split();
    SplittableRandom[] noiseRng = new SplittableRandom[options.tasks()];
    for (int t = 0; t < noiseRng.length; t++) {
      noiseRng[t] = root.split();
    }
    float[] features = new float[rows * d];
    float[][] targets = new float[options.tasks()][rows];
    for (int r = 0; r < rows; r++) {
      int offset = r * d;
      for (int j = 0; j < d; j++) {
        features[offset + j] = (float) featureRng.nextGaussian();
      }
      for (int t = 0; t < targets.length; t++) {
        double z = dot(weights[t], features, offset);
        targets[t][r] = (float) (signal(z) + options.noiseStd() * noiseRng[t].nextGaussian());
      }
    }
    return new Sample(rows, d, features, targets);
  }

  /**
   * The rows of {@link #generate(long, int)} with labels 1 where y_t &gt; {@link #threshold()}, else 0.
   * Labels are balanced per task in expectation, and train and test samples drawn with different row seeds
   * share the same cut.
   */
  public Sample generateBinary(long rowSeed, int rows) {
    Sample real = generate(rowSeed, rows);
    float[][] labels = new float[real.tasks()][rows];
    for (int t = 0; t < labels.length; t++) {
      for (int r = 0; r < rows; r++) {
        labels[t][r] = real.targets()[t][r] > threshold ? 1f : 0f;
      }
    }
    return new Sample(rows, real.inputs(), real.features(), labels);
  }

  /**
   * The population median of y_t. Since |w_t| = c for every t and p, w_tᵀx ~ N(0, c²) and all tasks share
   * one target distribution, which depends on c, α, β and the noise only: the cut is a fixed function of the
   * generator draw, the same for every task, correlation and sample. Computed by quadrature (see
   * {@link TargetMedian}) rather than from a sample, so train and test agree.
   */
  public double threshold() {
    return threshold;
  }

  public Options options() {
    return options;
  }

  /** u_1..u_T as [T][d] (a copy). */
  public double[][] directions() {
    return deepCopy(directions);
  }

  /** w_1..w_T as [T][d] (a copy). */
  public double[][] weights() {
    return deepCopy(weights);
  }

  public double[] alphas() {
    return alphas.clone();
  }

  public double[] betas() {
    return betas.clone();
  }

  /** The noise-free target as a function of the projection z = w_tᵀx: z + Σᵢ sin(αᵢ·z + βᵢ). */
  double signal(double z) {
    double y = z;
    for (int i = 0; i < alphas.length; i++) {
      y += Math.sin(alphas[i] * z + betas[i]);
    }
    return y;
  }

  private static double[][] weights(Options options, double[][] u) {
    double p = options.correlation();
    double q = Math.sqrt(1.0 - p * p);
    double c = options.scale();
    double[][] w = new double[u.length][];
    w[0] = new double[u[0].length];
    for (int j = 0; j < w[0].length; j++) {
      w[0][j] = c * u[0][j]; // step 2: w₁ = c·u₁
    }
    for (int t = 1; t < u.length; t++) {
      w[t] = new double[u[t].length];
      for (int j = 0; j < w[t].length; j++) {
        w[t][j] = c * (p * u[0][j] + q * u[t][j]); // step 2: w_t = c·(p·u₁ + √(1−p²)·u_t)
      }
    }
    return w;
  }

  /**
   * Gram-Schmidt on Gaussian vectors. Each vector is orthogonalised twice against the previous ones (the classic
   * "twice is enough" re-orthogonalisation) so the result is orthonormal to rounding even for large d.
   */
  private static double[][] orthonormalDirections(int count, int dimension, SplittableRandom rng) {
    double[][] u = new double[count][];
    for (int k = 0; k < count; k++) {
      double[] v = gaussians(dimension, rng);
      for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < k; i++) {
          double projection = dot(u[i], v);
          for (int j = 0; j < dimension; j++) {
            v[j] -= projection * u[i][j];
          }
        }
      }
      double norm = Math.sqrt(dot(v, v));
      for (int j = 0; j < dimension; j++) {
        v[j] /= norm; // a Gaussian vector lies in the span of k < d others with probability 0
      }
      u[k] = v;
    }
    return u;
  }

  private static double[] gaussians(int count, SplittableRandom rng) {
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = rng.nextGaussian();
    }
    return values;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0.0;
    for (int j = 0; j < a.length; j++) {
      sum += a[j] * b[j];
    }
    return sum;
  }

  private static double dot(double[] w, float[] x, int offset) {
    double sum = 0.0;
    for (int j = 0; j < w.length; j++) {
      sum += w[j] * x[offset + j];
    }
    return sum;
  }

  private static double[][] deepCopy(double[][] a) {
    return Arrays.stream(a).map(double[]::clone).toArray(double[][]::new);
  }
}
