package io.mtl4j.data.demo;

import io.mtl4j.data.Dataset;
import io.mtl4j.encode.CategoricalRows;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.encode.IdRows;
import io.mtl4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded impression → click → conversion funnel with a known sample-selection bias, for ESMM (Ma et al., SIGIR
 * 2018). Each user u and item i has a latent vector; their affinity a = ⟨p_u, q_i⟩ raises both the click probability
 * σ(ctrScale·a + ctrBias) and the conversion probability after a click, σ(cvrScale·a + cvrBias). Clicked impressions
 * therefore convert more often than impressions at large: a CVR model fitted on clicked rows alone sees a biased
 * sample of the space it is asked about. The generator keeps every impression's true post-click conversion
 * probability, so an estimate's bias over all impressions is measured, not guessed.
 */
public final class Funnel {
  /** The group holding the user and item ids, and the task names of {@link #dataset}. */
  public static final String IDS = "ids";
  public static final String CTR = "ctr";
  public static final String CVR = "cvr";
  public static final String CTCVR = "ctcvr";

  /**
   * @param users     distinct users
   * @param items     distinct items
   * @param latent    size of the user and item vectors (entries of variance 1/√latent, so a has variance 1)
   * @param ctrScale  how strongly affinity drives clicks
   * @param ctrBias   the click logit at zero affinity (about −3: a few percent of impressions are clicked)
   * @param cvrScale  how strongly affinity drives conversions after a click
   * @param cvrBias   the post-click conversion logit at zero affinity
   */
  public record Options(int users, int items, int latent, double ctrScale, double ctrBias, double cvrScale,
                        double cvrBias) {
    public Options {
      if (users < 1 || items < 1 || latent < 1) {
        throw new IllegalArgumentException("funnel: users = " + users + ", items = " + items + ", latent = " + latent
            + ", expected all ≥ 1");
      }
      for (double v : new double[] {ctrScale, ctrBias, cvrScale, cvrBias}) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException("funnel: scales and biases must be finite");
      }
    }

    /** 500 users, 300 items, latent 4; about 5 % of impressions clicked, 20 % of clicks convert at zero affinity. */
    public static Options defaults() {
      return new Options(500, 300, 4, 1.5, -3.0, 1.5, -1.4);
    }
  }

  /** One draw: the ids, the outcomes and, per impression, the true post-click conversion probability. */
  public record Impressions(int[] user, int[] item, float[] click, float[] conversion, double[] trueCvr) {
    public int size() {
      return user.length;
    }
  }

  private final Options options;
  private final double[][] users;
  private final double[][] items;

  /** Draws the users' and items' latent vectors from {@code seed}. */
  public Funnel(Options options, long seed) {
    this.options = options;
    SplittableRandom random = new SplittableRandom(seed);
    this.users = vectors(random, options.users, options.latent);
    this.items = vectors(random, options.items, options.latent);
  }

  private static double[][] vectors(SplittableRandom random, int n, int latent) {
    double[][] v = new double[n][latent];
    // Entries of variance 1/√latent make ⟨p_u, q_i⟩ of variance 1 whatever the latent size.
    double scale = Math.pow(latent, -0.25);
    for (double[] row : v) for (int k = 0; k < latent; k++) row[k] = scale * random.nextGaussian();
    return v;
  }

  /** {@code n} impressions of uniformly drawn user-item pairs, their clicks and conversions, from {@code seed}. */
  public Impressions draw(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] u = new int[n], i = new int[n];
    float[] click = new float[n], conversion = new float[n];
    double[] cvr = new double[n];
    for (int r = 0; r < n; r++) {
      u[r] = random.nextInt(options.users);
      i[r] = random.nextInt(options.items);
      double a = affinity(u[r], i[r]);
      cvr[r] = sigmoid(options.cvrScale * a + options.cvrBias);
      click[r] = random.nextDouble() < sigmoid(options.ctrScale * a + options.ctrBias) ? 1 : 0;
      conversion[r] = click[r] == 1 && random.nextDouble() < cvr[r] ? 1 : 0;
    }
    return new Impressions(u, i, click, conversion, cvr);
  }

  private double affinity(int user, int item) {
    double a = 0;
    for (int k = 0; k < options.latent; k++) a += users[user][k] * items[item][k];
    return a;
  }

  /**
   * The impressions as a dataset: group {@value #IDS} (fields {@code user}, {@code item}) and tasks {@value #CTR}
   * (click), {@value #CVR} (conversion, labelled on clicked rows only) and {@value #CTCVR} (click and conversion).
   */
  public static Dataset dataset(Impressions imp) {
    int n = imp.size();
    float[] cvr = new float[n], cvrMask = new float[n], ctcvr = new float[n];
    for (int r = 0; r < n; r++) {
      cvrMask[r] = imp.click[r];
      cvr[r] = imp.click[r] == 1 ? imp.conversion[r] : 0;
      ctcvr[r] = imp.conversion[r];
    }
    CategoricalRows ids = new CategoricalRows(List.of(IdRows.single(imp.user), IdRows.single(imp.item)));
    return Dataset.builder(FeatureRows.of(Map.of(IDS, ids)))
        .task(CTR, Tensor.of(imp.click.clone(), n))
        .task(CVR, Tensor.of(cvr, n), Tensor.of(cvrMask, n))
        .task(CTCVR, Tensor.of(ctcvr, n)).build();
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
