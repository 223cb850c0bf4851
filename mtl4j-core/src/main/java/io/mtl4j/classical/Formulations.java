package io.mtl4j.classical;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Registry: formulation name → factory from an options map (a YAML block binds directly). Names are lowercase with
 * hyphens and match case-insensitively. Common options: {@code loss} (least-squares | logistic), {@code mode}
 * (converged | malsar), {@code tol}, {@code max-iter}, {@code seed}, {@code criterion} (kkt | gap).
 *
 * <p>To add a formulation: one class, its test, and one line in {@link #FACTORIES}.
 */
public final class Formulations {
  private static final List<String> LAMBDA = List.of("lambda", "rho1");
  private static final Map<String, Function<Params, Formulation>> FACTORIES = new LinkedHashMap<>();

  static {
    FACTORIES.put("lasso", p -> new Lasso(new Lasso.Options(p.number(LAMBDA, 1), p.loss(), p.solver())));
    FACTORIES.put("ridge", p -> new Ridge(new Ridge.Options(p.number(LAMBDA, 1), p.loss(), p.solver())));
    FACTORIES.put("pooled", p -> new Pooled(new Pooled.Options(p.number("lambda", 0), p.loss(), p.solver())));
    FACTORIES.put("l21", p -> new L21(new L21.Options(p.number(LAMBDA, 1), p.loss(), p.solver())));
    FACTORIES.put("trace", p -> new TraceNorm(new TraceNorm.Options(p.number(LAMBDA, 1), p.loss(), p.solver())));
    FACTORIES.put("dirty", p -> new Dirty(new Dirty.Options(p.number("rho1", 1), p.number("rho2", 1), p.loss(),
        p.solver())));
    FACTORIES.put("rmtfl", p -> new RMTFL(new RMTFL.Options(p.number("rho1", 1), p.number("rho2", 1), p.loss(),
        p.solver())));
    FACTORIES.put("robust", p -> new RobustMTL(new RobustMTL.Options(p.number("rho1", 1), p.number("rho2", 1),
        p.loss(), p.solver())));
    FACTORIES.put("mean-regularized", p -> new MeanRegularized(new MeanRegularized.Options(p.number("lambda1", 1),
        p.number("lambda2", 0), p.loss(), p.solver())));
    FACTORIES.put("srmtl", p -> new SRMTL(new SRMTL.Options(p.number("rho1", 1), p.number("rho2", 1),
        SRMTL.Graph.fromKey(p.text("graph", "mean")), p.loss(), p.solver())));
    FACTORIES.put("cmtl", p -> new ClusteredMTL(new ClusteredMTL.Options(p.number("rho1", 1), p.number("rho2", 1),
        p.integer("clusters", 2), p.number("outer-tol", 1e-9), p.integer("max-outer", 500), p.loss(), p.solver())));
    FACTORIES.put("mtrl", p -> new MTRL(new MTRL.Options(p.number("lambda1", 1), p.number("lambda2", 1), p.loss(),
        p.solver())));
    FACTORIES.put("gomtl", p -> {
      if (p.loss() != LossFunction.LEAST_SQUARES) {
        throw new IllegalArgumentException("formulation 'gomtl': only loss = least-squares is implemented");
      }
      return new GOMTL(new GOMTL.Options(p.integer("latent", 3), p.number("mu", 1), p.number("lambda", 1),
          p.number("outer-tol", 1e-7), p.integer("max-outer", 20000), p.solver()));
    });
    FACTORIES.put("mt-svm", Formulations::multiTaskSvm);
  }

  private Formulations() {}

  private static Formulation multiTaskSvm(Params p) {
    p.longValue("seed", 0); // LIBSVM's C-SVC is deterministic; accepted so every formulation takes a seed
    MultiTaskSVM.Options d = new MultiTaskSVM.Options(1);
    return new MultiTaskSVM(new MultiTaskSVM.Options(p.number("mu", d.mu()), p.number("c", d.c()),
        MultiTaskSVM.Kernel.fromKey(p.text("kernel", "linear")), p.number("gamma", d.gamma()),
        p.integer("degree", d.degree()), p.number("coef0", d.coef0()), p.number("bias-scale", d.biasScale()),
        p.number("eps", d.epsilon())));
  }

  /** The registered names, in registration order. */
  public static Set<String> names() {
    return FACTORIES.keySet();
  }

  /**
   * Builds the formulation {@code name} from scalar options.
   *
   * @throws IllegalArgumentException for an unknown name (listing the known ones), an unknown option (listing the
   *                                  formulation's options) or an invalid value
   */
  public static Formulation create(String name, Map<String, ?> options) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    Function<Params, Formulation> factory = FACTORIES.get(key);
    if (factory == null) {
      throw new IllegalArgumentException("unknown formulation '" + name + "'; known: " + FACTORIES.keySet());
    }
    Params p = new Params("formulation '" + key + "'", options);
    Formulation f = factory.apply(p);
    p.requireAllUsed();
    return f;
  }
}
