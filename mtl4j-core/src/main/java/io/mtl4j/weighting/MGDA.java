package io.mtl4j.weighting;

import io.mtl4j.weighting.solver.Gram;
import io.mtl4j.weighting.solver.MinNormSolver;
import java.util.Arrays;
import java.util.Locale;

/** Multiple-gradient descent: Sener &amp; Koltun, "Multi-Task Learning as Multi-Objective Optimization", NeurIPS 2018. */
public final class MGDA implements Weighting {

  /** How each task gradient is divided before the min-norm solve (Sec. 3.2 of the paper; LibMTL's mgda_gn). */
  public enum Normalization {
    /** No normalisation (LibMTL's default). */
    NONE("none"),
    /** By the gradient's L2 norm. */
    L2("l2"),
    /** By the task loss. */
    LOSS("loss"),
    /** By the task loss times the gradient's L2 norm. */
    LOSS_PLUS("loss+");

    private final String key;

    Normalization(String key) {
      this.key = key;
    }

    /** LibMTL's name of this normalisation. */
    public String key() {
      return key;
    }

    /** Parses LibMTL's names ('none', 'l2', 'loss', 'loss+'), case-insensitive. */
    public static Normalization fromKey(String name) {
      for (Normalization n : values()) {
        if (n.key.equals(name.toLowerCase(Locale.ROOT))) {
          return n;
        }
      }
      throw new IllegalArgumentException("mgda gradient normalization '" + name + "' is unknown; known: "
          + Arrays.stream(values()).map(Normalization::key).toList());
    }
  }

  /** @param normalization gradient normalisation before the min-norm solve; LibMTL default {@code none} */
  public record Options(Normalization normalization) {
    public static final Options DEFAULTS = new Options(Normalization.NONE);

    public Options {
      if (normalization == null) {
        throw new IllegalArgumentException("normalization: null; expected one of "
            + Arrays.toString(Normalization.values()));
      }
    }
  }

  private final Options options;

  public MGDA() {
    this(Options.DEFAULTS);
  }

  public MGDA(Options options) {
    this.options = options;
  }

  public Options options() {
    return options;
  }

  @Override
  public Requirements requirements() { return Requirements.INNER_PRODUCTS; }

  @Override
  public StepWeights combine(WeightingContext ctx) {
    double[][] grads = ctx.taskGradients();
    int tasks = grads.length;
    // The normalised gradients g_t/s_t are never formed: their Gram matrix is (g_i·g_j)/(s_i s_j).
    double[][] gram = Gram.of(grads);
    double[] scale = scales(gram, ctx.losses());
    for (int i = 0; i < tasks; i++) {
      for (int j = 0; j < tasks; j++) {
        gram[i][j] /= scale[i] * scale[j];
      }
    }
    double[] weights = MinNormSolver.solve(gram);
    // The update is the min-norm combination of the normalised gradients (LibMTL), not of the raw ones.
    double[] coefficients = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      coefficients[t] = weights[t] / scale[t];
    }
    Gram.combine(coefficients, grads, ctx.sharedGradient());
    // LibMTL back-propagates each task loss unweighted into its own head; only the shared part is combined.
    return new StepWeights(null, weights);
  }

  /** The divisor s_t of each task gradient; norms come from the Gram diagonal. */
  private double[] scales(double[][] gram, double[] losses) {
    double[] out = new double[gram.length];
    for (int t = 0; t < out.length; t++) {
      out[t] = switch (options.normalization()) {
        case NONE -> 1.0;
        case L2 -> Math.sqrt(gram[t][t]);
        case LOSS -> losses[t];
        case LOSS_PLUS -> losses[t] * Math.sqrt(gram[t][t]);
      };
    }
    return out;
  }
}
