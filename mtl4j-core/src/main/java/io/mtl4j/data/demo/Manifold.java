package io.mtl4j.data.demo;

import io.mtl4j.data.Dataset;
import io.mtl4j.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * A seeded setting where unlabelled rows carry information about the label: inputs lie near a low-dimensional
 * manifold that determines it. Each row draws a latent z ~ N(0, I_k); its D features are x = tanh(zA) + σ·ε, a fixed
 * nonlinear embedding of the k-dimensional latent plus isotropic noise in all D directions, and its binary label is
 * [z·w &gt; 0] for a fixed direction w. Only a fraction of rows keeps its label (mask 1); the rest are the unlabelled
 * rows an auxiliary reconstruction task can learn the manifold from (the supervised-autoencoder setting of Le,
 * Patterson &amp; White, NeurIPS 2018).
 */
public final class Manifold {
  /** The task name of {@link #dataset}. */
  public static final String LABEL = "label";

  /**
   * @param features  D, the input width
   * @param latent    k, the manifold's dimension (k &lt; D)
   * @param noise     σ, the standard deviation of the noise added to every feature
   * @param labelled  the fraction of rows that keeps its label, in (0, 1]
   */
  public record Options(int features, int latent, double noise, double labelled) {
    public Options {
      if (latent < 1 || features <= latent) {
        throw new IllegalArgumentException("manifold: features = " + features + ", latent = " + latent
            + ", expected 1 ≤ latent < features");
      }
      if (!(noise >= 0) || Double.isInfinite(noise)) {
        throw new IllegalArgumentException("manifold: noise = " + noise + ", expected a finite value ≥ 0");
      }
      if (!(labelled > 0 && labelled <= 1)) {
        throw new IllegalArgumentException("manifold: labelled = " + labelled + ", expected a fraction in (0, 1]");
      }
    }
  }

  private final Options options;
  private final float[] embedding; // A [k, D]
  private final float[] direction; // w [k]

  /** The fixed embedding and label direction, drawn from {@code seed}; rows come from {@link #dataset}. */
  public Manifold(Options options, long seed) {
    this.options = options;
    SplittableRandom r = new SplittableRandom(seed);
    int k = options.latent(), d = options.features();
    this.embedding = new float[k * d];
    // Entries of variance 1/k keep zA of unit variance, where tanh bends but does not saturate.
    for (int i = 0; i < embedding.length; i++) embedding[i] = (float) (r.nextGaussian() / Math.sqrt(k));
    this.direction = new float[k];
    for (int i = 0; i < k; i++) direction[i] = (float) r.nextGaussian();
  }

  /**
   * {@code rows} rows drawn from {@code seed}: features [rows, D], task {@link #LABEL} masked outside the labelled
   * fraction ({@code allLabelled}: every label kept, for test sets).
   */
  public Dataset dataset(int rows, long seed, boolean allLabelled) {
    SplittableRandom r = new SplittableRandom(seed);
    int k = options.latent(), d = options.features();
    float[] x = new float[rows * d], y = new float[rows], mask = new float[rows];
    double[] z = new double[k];
    for (int i = 0; i < rows; i++) {
      double score = 0;
      for (int j = 0; j < k; j++) {
        z[j] = r.nextGaussian();
        score += z[j] * direction[j];
      }
      for (int c = 0; c < d; c++) {
        double v = 0;
        for (int j = 0; j < k; j++) v += z[j] * embedding[j * d + c];
        x[i * d + c] = (float) (Math.tanh(v) + options.noise() * r.nextGaussian());
      }
      y[i] = score > 0 ? 1f : 0f;
      mask[i] = allLabelled || r.nextDouble() < options.labelled() ? 1f : 0f;
    }
    return Dataset.builder(Tensor.of(x, rows, d)).task(LABEL, Tensor.of(y, rows), Tensor.of(mask, rows)).build();
  }
}
