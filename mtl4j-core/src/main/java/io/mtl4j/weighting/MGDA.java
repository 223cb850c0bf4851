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
  public Needs needs() {
    return Needs.SHARED_PARAM_GRADS;
  }

  @Override
  public boolean innerProductsOnly() {
    return true;
  }

  @Override
  public StepWeights combine(WeightingContext ctx) {
    double[][] normalized = normalize(ctx.taskGradients(), ctx.losses());
    double[] weights = MinNormSolver.solve(Gram.of(normalized));
    // The update is the min-norm combination of the normalised gradients (LibMTL), not of the raw ones.
    double[] combined = Gram.combine(weights, normalized);
    System.arraycopy(combined, 0, ctx.sharedGradient(), 0, combined.length);
    // LibMTL back-propagates each task loss unweighted into its own head; only the shared part is combined.
    return new StepWeights(null, weights);
  }

  private double[][] normalize(double[][] grads, double[] losses) {
    double[][] out = new double[grads.length][];
    for (int t = 0; t < grads.length; t++) {
      double scale = switch (options.normalization()) {
        case NONE -> 1.0;
        case L2 -> Gram.norm(grads[t]);
        case LOSS -> losses[t];
        case LOSS_PLUS -> losses[t] * Gram.norm(grads[t]);
      };
      out[t] = new double[grads[t].length];
      for (int i = 0; i < out[t].length; i++) {
        out[t][i] = grads[t][i] / scale;
      }
    }
    return out;
  }
}
