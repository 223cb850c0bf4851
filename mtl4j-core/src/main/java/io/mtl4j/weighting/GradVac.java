package io.mtl4j.weighting;

import io.mtl4j.weighting.solver.Gram;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Gradient Vaccine (Wang et al., "Gradient Vaccine: Investigating and Improving Multi-task Optimization in Massively Multilingual Models", ICLR 2021). */
public final class GradVac implements Weighting {
  private static final double EPS = 1e-8;

  /** Over which blocks of the shared parameters the cosine targets are kept. */
  public enum Granularity {
    /** one block: the whole shared gradient (LibMTL group type 0) */
    WHOLE_MODEL,
    /** one block per leaf module (LibMTL group type 1) */
    LAYER,
    /** one block per parameter tensor (LibMTL group type 2) */
    MATRIX;

    /** LibMTL's {@code GradVac_group_type} code. */
    public static Granularity ofLibMtl(int groupType) {
      if (groupType < 0 || groupType >= values().length) {
        throw new IllegalArgumentException("GradVac_group_type = " + groupType + ": expected 0, 1 or 2");
      }
      return values()[groupType];
    }
  }

  /**
   * @param beta        EMA rate of the similarity targets, β in Eq. 5 of Wang et al.; LibMTL default 0.5
   * @param granularity blocks over which similarities are tracked; LibMTL default whole model
   */
  public record Options(double beta, Granularity granularity) {
    public static final Options DEFAULTS = new Options(0.5, Granularity.WHOLE_MODEL);

    public Options {
      if (!(beta >= 0.0 && beta <= 1.0)) {
        throw new IllegalArgumentException("beta = " + beta + ": expected a value in [0, 1]");
      }
      if (granularity == null) {
        throw new IllegalArgumentException("granularity = null: expected one of " + Arrays.toString(Granularity.values()));
      }
    }
  }

  private final Options options;
  /** EMA targets of the cosine similarity, rhoT[i][j][k] for tasks i, j and block k. */
  private double[][][] targets;
  private int[] blockStart;
  private long steps;
  private double[] restoredTargets; // a checkpoint's rho_T, shaped at the next step

  public GradVac(Options options) {
    this.options = options;
  }

  /** Per-layer or per-matrix targets give each block its own coefficients: then not one combination of whole g_t. */
  @Override
  public Requirements requirements() {
    return options.granularity() == Granularity.WHOLE_MODEL ? Requirements.INNER_PRODUCTS
        : Requirements.PARAMETER_GRADIENTS;
  }

  @Override
  public StepWeights combine(WeightingContext ctx) {
    int tasks = ctx.taskCount();
    double[][] g = ctx.taskGradients();
    if (targets == null) {
      blockStart = blockStarts(ctx, g[0].length);
      targets = new double[tasks][tasks][blockStart.length - 1];
      if (restoredTargets != null) {
        double[][] rows = Vectors.unflatten(restoredTargets, tasks * tasks);
        for (int i = 0; i < tasks; i++) for (int j = 0; j < tasks; j++) targets[i][j] = rows[i * tasks + j];
        restoredTargets = null;
      }
    }
    // Every vaccinated gradient is, block by block, a combination of the original g's: the updates run on the
    // blocks' Gram matrices (T×T) and the update Σ_i pc_i costs one pass over the gradients.
    int blocks = blockStart.length - 1;
    double[][][] gram = new double[blocks][][];
    for (int k = 0; k < blocks; k++) {
      gram[k] = Gram.of(g, blockStart[k], blockStart[k + 1]);
    }
    double[][] weights = new double[blocks][tasks];
    RandomSource random = ctx.random();
    for (int i = 0; i < tasks; i++) {
      double[][] pc = new double[blocks][tasks]; // pc_i on block k = Σ_m pc[k][m]·g_m
      for (double[] c : pc) {
        c[i] = 1.0;
      }
      int[] others = othersThan(i, tasks);
      random.shuffle(others);
      for (int j : others) {
        for (int k = 0; k < blocks; k++) {
          vaccinate(pc[k], gram[k], i, j, k);
        }
      }
      for (int k = 0; k < blocks; k++) {
        for (int m = 0; m < tasks; m++) {
          weights[k][m] += pc[k][m];
        }
      }
    }
    double[] shared = ctx.sharedGradient();
    for (int k = 0; k < blocks; k++) {
      Gram.combine(weights[k], g, shared, blockStart[k], blockStart[k + 1]);
    }
    steps++;
    return new StepWeights(null, Vectors.filled(tasks, 1.0));
  }

  /**
   * Moves pc_i (coefficients c over the g's, block Gram matrix {@code gram}) towards the target similarity with
   * g_j on block k when below it (Eq. 4), then updates the EMA.
   */
  private void vaccinate(double[] c, double[][] gram, int i, int j, int k) {
    int tasks = c.length;
    double pcSquared = 0.0;
    double pcDotG = 0.0;
    for (int m = 0; m < tasks; m++) {
      double row = 0.0;
      for (int n = 0; n < tasks; n++) {
        row += gram[m][n] * c[n];
      }
      pcSquared += c[m] * row;
      pcDotG += c[m] * gram[m][j];
    }
    double pcNorm = Math.sqrt(pcSquared);
    double gNorm = Math.sqrt(gram[j][j]);
    double rho = pcDotG / (pcNorm * gNorm + EPS);
    double target = targets[i][j][k];
    if (rho < target) {
      double sinTarget = Math.sqrt(1.0 - target * target);
      c[j] += pcNorm * (target * Math.sqrt(1.0 - rho * rho) - rho * sinTarget) / (gNorm * sinTarget + EPS);
    }
    targets[i][j][k] = (1.0 - options.beta()) * target + options.beta() * rho;
  }

  private int[] blockStarts(WeightingContext ctx, int dim) {
    int[] sizes = switch (options.granularity()) {
      case WHOLE_MODEL -> new int[] {dim};
      case LAYER -> ctx.moduleSizes();
      case MATRIX -> ctx.parameterSizes();
    };
    int[] start = new int[sizes.length + 1];
    for (int k = 0; k < sizes.length; k++) {
      start[k + 1] = start[k] + sizes[k];
    }
    if (start[sizes.length] != dim) {
      throw new IllegalArgumentException(
          "GradVac: block sizes " + Arrays.toString(sizes) + " do not add up to the gradient length " + dim);
    }
    return start;
  }

  private static int[] othersThan(int i, int tasks) {
    int[] others = new int[tasks - 1];
    for (int t = 0, n = 0; t < tasks; t++) {
      if (t != i) {
        others[n++] = t;
      }
    }
    return others;
  }

  @Override
  public Map<String, double[]> state() {
    Map<String, double[]> state = new LinkedHashMap<>();
    if (targets != null) {
      double[][] rows = new double[targets.length * targets.length][];
      for (int i = 0; i < targets.length; i++) {
        for (int j = 0; j < targets.length; j++) {
          rows[i * targets.length + j] = targets[i][j].clone();
        }
      }
      state.put("rho_T", Vectors.flatten(rows));
    }
    state.put("step", Vectors.scalar(steps));
    return state;
  }

  @Override
  public void restoreState(Map<String, double[]> state) {
    targets = null;
    restoredTargets = state.get("rho_T");
    steps = state.containsKey("step") ? (long) state.get("step")[0] : 0;
  }
}
