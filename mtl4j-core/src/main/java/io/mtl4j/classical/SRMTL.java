package io.mtl4j.classical;

import io.mtl4j.config.Checks;
import java.util.List;
import java.util.Locale;

/**
 * Sparse graph-regularised multi-task learning (MALSAR Least_SRMTL; graph Laplacian coupling as in Evgeniou,
 * Micchelli &amp; Pontil, JMLR 2005): min ½Σ_t ||X_t w_t − y_t||² + ρ1||W·R||²_F + ρ2||W||₁, R [T, E] one column
 * per graph edge (w_s − w_t for the edge s–t) or any structure matrix.
 */
public final class SRMTL implements LinearFormulation {
  /** Built-in task graphs. */
  public enum Graph {
    /** R = I − 11ᵀ/T: every task pulled towards the mean of all tasks. */
    MEAN,
    /** Edges t–(t+1): ordered tasks (e.g. time) vary smoothly. */
    CHAIN,
    /** R = I: plain ridge ρ1||W||²_F. */
    IDENTITY;

    static Graph fromKey(String key) {
      try {
        return valueOf(key.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("graph = '" + key + "': expected mean, chain or identity", e);
      }
    }

    /** R [T, E] row-major. */
    double[] structure(int tasks) {
      return switch (this) {
        case MEAN -> {
          double[] r = new double[tasks * tasks];
          for (int s = 0; s < tasks; s++) {
            for (int t = 0; t < tasks; t++) r[s * tasks + t] = (s == t ? 1 : 0) - 1.0 / tasks;
          }
          yield r;
        }
        case CHAIN -> {
          int edges = Math.max(tasks - 1, 0);
          double[] r = new double[tasks * edges];
          for (int e = 0; e < edges; e++) {
            r[e * edges + e] = 1;
            r[(e + 1) * edges + e] = -1;
          }
          yield r;
        }
        case IDENTITY -> TaskCouplings.identity(tasks, 1);
      };
    }

    int edges(int tasks) {
      return this == CHAIN ? Math.max(tasks - 1, 0) : tasks;
    }
  }

  /**
   * @param rho1  weight of the graph term ||W R||²_F, >= 0
   * @param rho2  weight of ||W||₁, >= 0
   * @param graph the task graph
   * @param loss  least squares or logistic
   * @param solver converged or MALSAR-compatible (W0 = XᵀY start, MALSAR's step rule)
   */
  public record Options(double rho1, double rho2, Graph graph, LossFunction loss, SolverOptions solver) {
    public Options {
      Checks.nonNegative("SRMTL.Options", "rho1", rho1);
      Checks.nonNegative("SRMTL.Options", "rho2", rho2);
      Checks.notNull("SRMTL.Options", "graph", graph);
      Checks.notNull("SRMTL.Options", "loss", loss);
      Checks.notNull("SRMTL.Options", "solver", solver);
    }

    public Options(double rho1, double rho2, Graph graph) {
      this(rho1, rho2, graph, LossFunction.LEAST_SQUARES, SolverOptions.converged());
    }
  }

  private final Options options;

  public SRMTL(Options options) {
    this.options = Checks.notNull("SRMTL", "options", options);
  }

  public Options options() {
    return options;
  }

  @Override
  public String name() {
    return "srmtl";
  }

  @Override
  public LinearMtlModel fit(MultiTaskData train, LinearMtlModel warmStart) {
    return LinearFits.solve(name(), problem(SmoothLoss.of(options.loss(), train, 0.5)), train, options.solver(),
        warmStart, LinearFits.MalsarStyle.DATA_START, options.loss(), List.of());
  }

  @Override
  public LinearMtlModel fit(RowSum rows) {
    return LinearFits.solveRows(name(), problem(SmoothLoss.of(options.loss(), rows, 0.5)), options.solver(),
        options.loss(), List.of());
  }

  private CompositeProblem problem(SmoothLoss loss) {
    int tasks = loss.tasks();
    double[] coupling = TaskCouplings.gram(options.graph().structure(tasks), tasks, options.graph().edges(tasks),
        options.rho1());
    return new CompositeProblem(loss, List.of(Penalty.l1(options.rho2())), coupling);
  }
}
