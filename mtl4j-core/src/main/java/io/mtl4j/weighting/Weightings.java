package io.mtl4j.weighting;

import io.mtl4j.config.Registry;
import java.util.List;
import java.util.Map;

/**
 * Registry of the weightings by lowercase-hyphen name (matched ignoring case, {@code -} and {@code _}). Options maps
 * use the names of the method's {@code Options} record components; LibMTL's names are translated by
 * {@link LibMtlNames}. {@link #defaults()} is an immutable value: register your own method with
 * {@code Weightings.defaults().with("mine", o -> new Mine(o.record(Mine.Options.class, Mine.Options.DEFAULTS)))} and
 * pass that registry to whoever binds names ({@code TrainingConfig.Builder#weightings}).
 */
public final class Weightings {
  private static final Registry<Weighting> DEFAULTS = Registry.<Weighting>of("weighting")
      .with("ew", o -> new EW())
      .with("fixed", o -> new FixedWeights(o.record(FixedWeights.Options.class, FixedWeights.Options.DEFAULTS)))
      .with("uw", o -> new UW())
      .with("dwa", o -> new DWA(o.record(DWA.Options.class, DWA.Options.DEFAULTS)))
      .with("rlw", o -> new RLW())
      .with("rgw", o -> new RGW())
      .with("gls", o -> new GLS())
      .with("pcgrad", o -> new PCGrad())
      .with("gradvac", o -> new GradVac(o.record(GradVac.Options.class, GradVac.Options.DEFAULTS)))
      .with("gradnorm", o -> new GradNorm(o.record(GradNorm.Options.class, GradNorm.Options.DEFAULTS)))
      .with("graddrop", o -> new GradDrop(o.record(GradDrop.Options.class, GradDrop.Options.DEFAULTS)))
      .with("imtl", o -> new IMTL())
      .with("aligned-mtl", o -> new AlignedMTL())
      .with("db-mtl", o -> new DBMTL(o.record(DBMTL.Options.class, DBMTL.Options.DEFAULTS)))
      .with("moco", o -> new MoCo(o.record(MoCo.Options.class, MoCo.Options.DEFAULTS)))
      .with("modo", o -> new MoDo(o.record(MoDo.Options.class, MoDo.Options.DEFAULTS)))
      .with("sdmgrad", o -> new SDMGrad(o.record(SDMGrad.Options.class, SDMGrad.Options.DEFAULTS)))
      .with("stch", o -> new STCH(o.record(STCH.Options.class, STCH.Options.DEFAULTS)))
      .with("excessmtl", o -> new ExcessMTL(o.record(ExcessMTL.Options.class, ExcessMTL.Options.DEFAULTS)))
      .with("famo", o -> new FAMO(o.record(FAMO.Options.class, FAMO.Options.DEFAULTS)))
      .with("dynamic", o -> new DynamicRelations(o.record(DynamicRelations.Options.class, DynamicRelations.Options.DEFAULTS)))
      // --- solver-based methods (weighting-solvers branch): mgda, cagrad, nash-mtl, upgrad, fairgrad ---
      .with("mgda", o -> new MGDA(o.record(MGDA.Options.class, MGDA.Options.DEFAULTS)))
      .with("cagrad", o -> new CAGrad(o.record(CAGrad.Options.class, CAGrad.Options.DEFAULTS)))
      .with("nash-mtl", o -> new NashMTL(o.record(NashMTL.Options.class, NashMTL.Options.DEFAULTS)))
      .with("upgrad", o -> new UPGrad(o.record(UPGrad.Options.class, UPGrad.Options.DEFAULTS)))
      .with("fairgrad", o -> new FairGrad(o.record(FairGrad.Options.class, FairGrad.Options.DEFAULTS)));
      // --- end of solver-based methods ---

  private Weightings() {}

  /** The built-in weightings. */
  public static Registry<Weighting> defaults() {
    return DEFAULTS;
  }

  /** A built-in weighting with its default options. */
  public static Weighting create(String name) {
    return create(name, Map.of());
  }

  /** A built-in weighting configured by {@code options} (Options component name → value; absent keys take defaults). */
  public static Weighting create(String name, Map<String, ?> options) {
    return DEFAULTS.create(name, options);
  }

  /** The built-in names, in registration order. */
  public static List<String> names() {
    return DEFAULTS.names();
  }
}
