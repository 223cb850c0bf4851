package io.mtl4j.weighting;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Translates LibMTL's weighting class names and {@code backward(**kwargs)} parameter names (as in LibMTL's
 * config.py) to {@link Weightings} names and {@code Options} component names, so LibMTL configurations and golden
 * vectors can be replayed.
 */
public final class LibMtlNames {
  private static final Map<String, String> METHODS = new LinkedHashMap<>();
  private static final Map<String, Map<String, String>> PARAMETERS = new LinkedHashMap<>();

  static {
    method("EW", "ew");
    method("UW", "uw");
    method("DWA", "dwa", "T", "temperature");
    method("GradNorm", "gradnorm", "alpha", "alpha");
    method("RLW", "rlw");
    method("RGW", "rgw");
    method("GLS", "gls");
    method("PCGrad", "pcgrad");
    method("GradDrop", "graddrop", "leak", "leak");
    method("GradVac", "gradvac", "GradVac_beta", "beta", "GradVac_group_type", "granularity");
    method("IMTL", "imtl");
    method("Aligned_MTL", "aligned-mtl");
    method("DB_MTL", "db-mtl", "DB_beta", "beta", "DB_beta_sigma", "betaSigma");
    method("MoCo", "moco", "MoCo_beta", "beta", "MoCo_beta_sigma", "betaSigma", "MoCo_gamma", "gamma",
        "MoCo_gamma_sigma", "gammaSigma", "MoCo_rho", "rho");
    method("MoDo", "modo", "MoDo_gamma", "gamma", "MoDo_rho", "rho");
    method("SDMGrad", "sdmgrad", "SDMGrad_lamda", "lambda", "SDMGrad_niter", "iterations");
    method("STCH", "stch", "STCH_mu", "mu", "STCH_warmup_epoch", "warmupEpochs");
    method("ExcessMTL", "excessmtl", "robust_step_size", "robustStepSize");
    method("FAMO", "famo", "FAMO_w_lr", "weightLearningRate", "FAMO_w_gamma", "weightDecay");
    // --- solver-based methods (weighting-solvers branch): MGDA, CAGrad, Nash_MTL, UPGrad, FairGrad ---
    method("MGDA", "mgda", "mgda_gn", "normalization");
    method("CAGrad", "cagrad", "calpha", "radius", "rescale", "rescale");
    method("Nash_MTL", "nash-mtl", "update_weights_every", "updateWeightsEvery", "optim_niter", "iterations",
        "max_norm", "maxNorm");
    method("UPGrad", "upgrad", "UPGrad_norm_eps", "normEps", "UPGrad_reg_eps", "regularization");
    method("FairGrad", "fairgrad", "FairGrad_alpha", "alpha");
    // --- end of solver-based methods ---
  }

  private LibMtlNames() {}

  /** Whether {@code libMtlMethod} (a LibMTL class name such as {@code Nash_MTL}) is known. */
  public static boolean knows(String libMtlMethod) {
    return METHODS.containsKey(libMtlMethod);
  }

  /** The {@link Weightings} name of a LibMTL class name, e.g. {@code DB_MTL} → {@code db-mtl}. */
  public static String registryName(String libMtlMethod) {
    String name = METHODS.get(libMtlMethod);
    if (name == null) {
      throw new IllegalArgumentException(
          "unknown LibMTL weighting '" + libMtlMethod + "'; known: " + new TreeSet<>(METHODS.keySet()));
    }
    return name;
  }

  /** LibMTL {@code backward} kwargs of {@code libMtlMethod} as an options map for {@link Weightings#create}. */
  public static Map<String, Object> options(String libMtlMethod, Map<String, ?> libMtlParams) {
    Map<String, String> names = PARAMETERS.get(registryName(libMtlMethod));
    Map<String, Object> options = new LinkedHashMap<>();
    libMtlParams.forEach((key, value) -> {
      String option = names.get(key);
      if (option == null) {
        throw new IllegalArgumentException("unknown LibMTL parameter '" + key + "' for " + libMtlMethod
            + "; known: " + new TreeSet<>(names.keySet()));
      }
      options.put(option, translate(key, value));
    });
    return options;
  }

  /** Values whose encoding differs from LibMTL's. */
  private static Object translate(String key, Object value) {
    if (key.equals("mgda_gn")) {
      // LibMTL's 'loss+' is MGDA.Normalization.LOSS_PLUS
      return MGDA.Normalization.fromKey(value.toString()).name().toLowerCase(Locale.ROOT);
    }
    if (key.equals("GradVac_group_type")) {
      // LibMTL: 0 whole model, 1 every leaf module (layer), 2 every parameter tensor (matrix)
      int type = ((Number) value).intValue();
      return GradVac.Granularity.ofLibMtl(type).name().toLowerCase(Locale.ROOT);
    }
    return value;
  }

  /** Registers one method: LibMTL name, registry name, then pairs of LibMTL parameter and option name. */
  static void method(String libMtl, String registry, String... parameterPairs) {
    METHODS.put(libMtl, registry);
    Map<String, String> names = new LinkedHashMap<>();
    for (int i = 0; i < parameterPairs.length; i += 2) {
      names.put(parameterPairs[i], parameterPairs[i + 1]);
    }
    PARAMETERS.put(registry, names);
  }
}
