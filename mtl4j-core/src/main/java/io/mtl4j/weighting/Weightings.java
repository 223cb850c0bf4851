package io.mtl4j.weighting;

import io.mtl4j.config.OptionBinder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Registry of the weightings by lowercase-hyphen name (case-insensitive). Options maps use the names of the
 * method's {@code Options} record components; LibMTL's names are translated by {@link LibMtlNames}.
 */
public final class Weightings {
  private static final Map<String, Function<Map<String, ?>, Weighting>> FACTORIES = new LinkedHashMap<>();

  static {
    plain("ew", EW::new);
    FACTORIES.put("fixed", o -> new FixedWeights(bind(FixedWeights.Options.class, FixedWeights.Options.DEFAULTS, o)));
    plain("uw", UW::new);
    FACTORIES.put("dwa", o -> new DWA(bind(DWA.Options.class, DWA.Options.DEFAULTS, o)));
    plain("rlw", RLW::new);
    plain("rgw", RGW::new);
    plain("gls", GLS::new);
    plain("pcgrad", PCGrad::new);
    FACTORIES.put("gradvac", o -> new GradVac(bind(GradVac.Options.class, GradVac.Options.DEFAULTS, o)));
    FACTORIES.put("gradnorm", o -> new GradNorm(bind(GradNorm.Options.class, GradNorm.Options.DEFAULTS, o)));
    FACTORIES.put("graddrop", o -> new GradDrop(bind(GradDrop.Options.class, GradDrop.Options.DEFAULTS, o)));
    plain("imtl", IMTL::new);
    plain("aligned-mtl", AlignedMTL::new);
    FACTORIES.put("db-mtl", o -> new DBMTL(bind(DBMTL.Options.class, DBMTL.Options.DEFAULTS, o)));
    FACTORIES.put("moco", o -> new MoCo(bind(MoCo.Options.class, MoCo.Options.DEFAULTS, o)));
    FACTORIES.put("modo", o -> new MoDo(bind(MoDo.Options.class, MoDo.Options.DEFAULTS, o)));
    FACTORIES.put("sdmgrad", o -> new SDMGrad(bind(SDMGrad.Options.class, SDMGrad.Options.DEFAULTS, o)));
    FACTORIES.put("stch", o -> new STCH(bind(STCH.Options.class, STCH.Options.DEFAULTS, o)));
    FACTORIES.put("excessmtl", o -> new ExcessMTL(bind(ExcessMTL.Options.class, ExcessMTL.Options.DEFAULTS, o)));
    FACTORIES.put("famo", o -> new FAMO(bind(FAMO.Options.class, FAMO.Options.DEFAULTS, o)));
    // --- solver-based methods (weighting-solvers branch): mgda, cagrad, nash-mtl, upgrad, fairgrad ---
    FACTORIES.put("mgda", o -> new MGDA(bind(MGDA.Options.class, MGDA.Options.DEFAULTS, o)));
    FACTORIES.put("cagrad", o -> new CAGrad(bind(CAGrad.Options.class, CAGrad.Options.DEFAULTS, o)));
    FACTORIES.put("nash-mtl", o -> new NashMTL(bind(NashMTL.Options.class, NashMTL.Options.DEFAULTS, o)));
    FACTORIES.put("upgrad", o -> new UPGrad(bind(UPGrad.Options.class, UPGrad.Options.DEFAULTS, o)));
    FACTORIES.put("fairgrad", o -> new FairGrad(bind(FairGrad.Options.class, FairGrad.Options.DEFAULTS, o)));
    // --- end of solver-based methods ---
  }

  private Weightings() {}

  /** A weighting with its default options. */
  public static Weighting create(String name) {
    return create(name, Map.of());
  }

  /** A weighting configured by {@code options} (Options component name → value; absent keys take defaults). */
  public static Weighting create(String name, Map<String, ?> options) {
    Function<Map<String, ?>, Weighting> factory = FACTORIES.get(name.trim().toLowerCase(Locale.ROOT));
    if (factory == null) {
      throw new IllegalArgumentException("unknown weighting '" + name + "'; known: " + new TreeSet<>(FACTORIES.keySet()));
    }
    return factory.apply(options);
  }

  /** The registered names, in registration order. */
  public static Set<String> names() {
    return Collections.unmodifiableSet(FACTORIES.keySet());
  }

  private static void plain(String name, java.util.function.Supplier<Weighting> constructor) {
    FACTORIES.put(name, options -> {
      if (!options.isEmpty()) {
        throw new IllegalArgumentException(
            "weighting '" + name + "' has no options; got " + new TreeSet<>(options.keySet()));
      }
      return constructor.get();
    });
  }

  private static <R extends Record> R bind(Class<R> type, R defaults, Map<String, ?> options) {
    return OptionBinder.bind(type, defaults, options);
  }
}
