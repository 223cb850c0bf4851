package io.mtl4j.classical;

import io.mtl4j.classical.solver.Fista;
import io.mtl4j.config.OptionBinder;
import io.mtl4j.config.Registry;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Registry: formulation name → factory from an options map (a YAML block binds directly, through
 * {@link OptionBinder}). Names are lowercase with hyphens; names and option keys match ignoring case, {@code -} and
 * {@code _}. Common options: {@code loss} (least-squares | logistic), {@code mode}
 * (converged | malsar), {@code tol}, {@code max-iter}, {@code seed}, {@code criterion} (kkt | gap).
 *
 * <p>Options per formulation (defaults in brackets):
 * <ul>
 *   <li>{@code lasso}, {@code l21}, {@code trace}: {@code lambda} (alias {@code rho1}) [1]</li>
 *   <li>{@code ridge}: {@code lambda} [1]; {@code pooled}: {@code lambda} [0]</li>
 *   <li>{@code dirty}, {@code rmtfl}, {@code robust}: {@code rho1}, {@code rho2} [1, 1]</li>
 *   <li>{@code srmtl}: {@code rho1} (graph), {@code rho2} (L1) [1, 1], {@code graph} (mean | chain | identity)</li>
 *   <li>{@code mean-regularized}: {@code lambda1} [1], {@code lambda2} [0]</li>
 *   <li>{@code cmtl}: {@code rho1}, {@code rho2} [1, 1], {@code clusters} [2], {@code outer-tol}, {@code max-outer}</li>
 *   <li>{@code mtrl}: {@code lambda1}, {@code lambda2} [1, 1]</li>
 *   <li>{@code gomtl}: {@code latent} [3], {@code mu} [1], {@code lambda} [1], {@code outer-tol}, {@code max-outer}
 *       (least squares only)</li>
 *   <li>{@code mt-svm}: {@code mu} [1, "inf" allowed], {@code c} [1], {@code kernel} (linear | rbf | poly),
 *       {@code gamma} [1], {@code degree} [3], {@code coef0} [0], {@code bias-scale} [100], {@code eps} [1e-3]</li>
 * </ul>
 * {@code mode: malsar} without {@code tol}/{@code max-iter} uses MALSAR's init_opts defaults (1e-4, 1000).
 *
 * <p>To add a formulation: one class, its test, and one line in {@link #DEFAULTS}.
 */
public final class Formulations {
  private static final List<String> LAMBDA = List.of("lambda", "rho1");
  private static final Registry<Formulation> DEFAULTS = Registry.<Formulation>of("formulation")
      .with("lasso", p -> new Lasso(new Lasso.Options(p.number(LAMBDA, 1), loss(p), solver(p))))
      .with("ridge", p -> new Ridge(new Ridge.Options(p.number(LAMBDA, 1), loss(p), solver(p))))
      .with("pooled", p -> new Pooled(new Pooled.Options(p.number("lambda", 0), loss(p), solver(p))))
      .with("l21", p -> new L21(new L21.Options(p.number(LAMBDA, 1), loss(p), solver(p))))
      .with("trace", p -> new TraceNorm(new TraceNorm.Options(p.number(LAMBDA, 1), loss(p), solver(p))))
      .with("dirty", p -> new Dirty(new Dirty.Options(p.number("rho1", 1), p.number("rho2", 1), loss(p),
        solver(p))))
      .with("rmtfl", p -> new RMTFL(new RMTFL.Options(p.number("rho1", 1), p.number("rho2", 1), loss(p),
        solver(p))))
      .with("robust", p -> new RobustMTL(new RobustMTL.Options(p.number("rho1", 1), p.number("rho2", 1),
        loss(p), solver(p))))
      .with("mean-regularized", p -> new MeanRegularized(new MeanRegularized.Options(p.number("lambda1", 1),
        p.number("lambda2", 0), loss(p), solver(p))))
      .with("srmtl", p -> new SRMTL(new SRMTL.Options(p.number("rho1", 1), p.number("rho2", 1),
        SRMTL.Graph.fromKey(p.text("graph", "mean")), loss(p), solver(p))))
      .with("cmtl", p -> new ClusteredMTL(new ClusteredMTL.Options(p.number("rho1", 1), p.number("rho2", 1),
        p.integer("clusters", 2), p.number("outer-tol", 1e-9), p.integer("max-outer", 500), loss(p), solver(p))))
      .with("mtrl", p -> new MTRL(new MTRL.Options(p.number("lambda1", 1), p.number("lambda2", 1), loss(p),
        solver(p))))
      .with("gomtl", Formulations::goMtl)
      .with("mt-svm", Formulations::multiTaskSvm);

  private Formulations() {}

  private static Formulation goMtl(OptionBinder p) {
    if (loss(p) != LossFunction.LEAST_SQUARES) {
      throw new IllegalArgumentException("formulation 'gomtl': only loss = least-squares is implemented");
    }
    return new GOMTL(new GOMTL.Options(p.integer("latent", 3), p.number("mu", 1), p.number("lambda", 1),
        p.number("outer-tol", 1e-7), p.integer("max-outer", 20000), solver(p)));
  }

  private static Formulation multiTaskSvm(OptionBinder p) {
    p.longValue("seed", 0); // LIBSVM's C-SVC is deterministic; accepted so every formulation takes a seed
    MultiTaskSVM.Options d = new MultiTaskSVM.Options(1);
    return new MultiTaskSVM(new MultiTaskSVM.Options(p.number("mu", d.mu()), p.number("c", d.c()),
        MultiTaskSVM.Kernel.fromKey(p.text("kernel", "linear")), p.number("gamma", d.gamma()),
        p.integer("degree", d.degree()), p.number("coef0", d.coef0()), p.number("bias-scale", d.biasScale()),
        p.number("eps", d.epsilon())));
  }

  /** The registered names, in registration order. */
  public static List<String> names() {
    return DEFAULTS.names();
  }

  /**
   * Builds the formulation {@code name} from scalar options.
   *
   * @throws IllegalArgumentException for an unknown name (listing the known ones), an unknown option (listing the
   *                                  formulation's options) or an invalid value
   */
  public static Formulation create(String name, Map<String, ?> options) {
    return DEFAULTS.create(name == null ? "" : name.strip(), options,
        "formulation '" + (name == null ? "" : name.strip().toLowerCase(Locale.ROOT)) + "'");
  }

  /**
   * True when {@code name} with {@code options} fits classifiers (labels −1/+1, margins out): {@code mt-svm}, or any
   * formulation with {@code loss: logistic}. Validates the options as {@link #create} does.
   */
  public static boolean classifier(String name, Map<String, ?> options) {
    if (create(name, options) instanceof MultiTaskSVM) return true;
    for (Map.Entry<String, ?> e : options.entrySet()) {
      if (OptionBinder.normalise(e.getKey()).equals(OptionBinder.normalise("loss"))) {
        return LossFunction.fromKey(String.valueOf(e.getValue())) == LossFunction.LOGISTIC;
      }
    }
    return false;
  }

  private static LossFunction loss(OptionBinder p) {
    return LossFunction.fromKey(p.text("loss", "least-squares"));
  }

  /**
   * mode (converged | malsar), tol, max-iter, seed, criterion (kkt | gap). MALSAR mode has no default tol and
   * max-iter of its own in MALSAR beyond init_opts' (1e-4, 1000), which are used when none are given.
   */
  private static SolverOptions solver(OptionBinder p) {
    String mode = p.text("mode", "converged").toLowerCase(Locale.ROOT);
    long seed = p.longValue("seed", 0);
    String criterion = p.text("criterion", "kkt").toLowerCase(Locale.ROOT);
    Fista.Criterion c = switch (criterion) {
      case "kkt", "kkt-residual" -> Fista.Criterion.KKT_RESIDUAL;
      case "gap", "duality-gap" -> Fista.Criterion.DUALITY_GAP;
      default -> throw new IllegalArgumentException(p.at("criterion") + " = '" + criterion + "': expected kkt or gap");
    };
    return switch (mode) {
      case "converged" -> {
        SolverOptions d = SolverOptions.converged();
        yield new SolverOptions(SolverOptions.Mode.CONVERGED, p.number("tol", d.tolerance()),
            p.integer("max-iter", d.maxIterations()), seed, c);
      }
      case "malsar" -> new SolverOptions(SolverOptions.Mode.MALSAR, p.number("tol", 1e-4),
          p.integer("max-iter", 1000), seed, c);
      default -> throw new IllegalArgumentException(p.at("mode") + " = '" + mode + "': expected converged or malsar");
    };
  }
}
