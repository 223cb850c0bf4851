package io.mtl4j.train;

import io.mtl4j.config.Choice;
import io.mtl4j.config.OptionBinder;
import io.mtl4j.config.Registry;
import io.mtl4j.data.Sampling;
import io.mtl4j.metrics.Metric;
import io.mtl4j.metrics.Metrics;
import io.mtl4j.optim.LrSchedule;
import io.mtl4j.optim.Optimizer;
import io.mtl4j.optim.OptimizerOptions;
import io.mtl4j.optim.Optimizers;
import io.mtl4j.task.Loss;
import io.mtl4j.task.Losses;
import io.mtl4j.weighting.Weighting;
import io.mtl4j.weighting.Weightings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * How to train: an immutable record validated where it is built; every field has a config name of the same words.
 * The defaults are those of {@link Builder}, the one set the Java API and the CLI share.
 *
 * <p>The optimizer and the weighting are {@link Choice}s: the name and options that provenance and checkpoints record,
 * and the value a run uses. The optimizer's value is its options record ({@link OptimizerOptions}); the weighting's is
 * a factory, because a weighting is stateful (moments, loss history, learnable weights) while a config is a value
 * reused across runs: each run calls the factory once and owns the weighting it gets.
 *
 * @param epochs          maximum number of passes over the training data
 * @param batchSize       rows per step (per task in multi-input data)
 * @param threads         data-parallel workers, at most {@link ThreadLimit#max()}; a given seed and thread count give
 *                        bit-identical results
 * @param seed            run seed: shuffling, dropout and weighting draws derive from it
 * @param optimizer       the optimizer's name (sgd, adam, adamw, or a user's), its options as configured, and the
 *                        options record they bind to
 * @param schedule        learning-rate schedule (a multiplier of the optimizer's rate per step)
 * @param gradClipNorm    clip the global gradient norm to this value; 0 disables
 * @param weighting       the weighting's name (ew, uw, pcgrad, …, or a user's), its options as configured, and a
 *                        factory of fresh instances
 * @param patience        epochs without improvement of the validation score before stopping; 0 disables
 * @param sampling        how multi-input steps draw per-task batches
 * @param checkpointEvery with checkpoints on, also write one every this many steps (0: only at the end of each epoch)
 * @param nonFinite       what a NaN/Inf loss or gradient does: fail (default), skip the batch, or roll back
 * @param rollbackFactor  learning-rate multiplier applied at each rollback, in (0, 1)
 * @param frozen          parameters that get no update: {@code shared}, {@code task:NAME}, a parameter name, or a
 *                        name prefix ending in {@code *} (see {@link FrozenParameters})
 * @param representationGradients gradient weightings see per-task gradients of the shared representation instead of
 *                        the shared parameters (LibMTL's {@code rep_grad}): one backward pass through the shared part
 *                        instead of one per task; needs an architecture with a single shared cut
 * @param losses          binds the tasks' loss names when a run starts (not a setting: provenance records the names)
 * @param metrics         binds the tasks' metric names for validation and early stopping (likewise)
 */
public record TrainingConfig(int epochs, int batchSize, int threads, long seed, Choice<OptimizerOptions> optimizer,
                             LrSchedule schedule, double gradClipNorm, Choice<Supplier<Weighting>> weighting,
                             int patience, Sampling sampling, int checkpointEvery, NonFinitePolicy nonFinite,
                             double rollbackFactor, List<String> frozen, boolean representationGradients,
                             Registry<Loss> losses, Registry<Metric.ForKind> metrics) {
  public TrainingConfig {
    positive("epochs", epochs);
    positive("batchSize", batchSize);
    ThreadLimit.check("training.threads", threads);
    if (!(gradClipNorm >= 0 && Double.isFinite(gradClipNorm))) {
      throw new IllegalArgumentException("training.gradClipNorm = " + gradClipNorm + ", expected a finite value ≥ 0 (0 disables)");
    }
    if (patience < 0) {
      throw new IllegalArgumentException("training.patience = " + patience + ", expected ≥ 0 (0 disables early stopping)");
    }
    schedule = schedule == null ? LrSchedule.constant() : schedule;
    if (optimizer == null) throw new IllegalArgumentException("training.optimizer is missing");
    if (weighting == null) throw new IllegalArgumentException("training.weighting is missing");
    if (sampling == null) throw new IllegalArgumentException("training.sampling is missing");
    if (checkpointEvery < 0) {
      throw new IllegalArgumentException("training.checkpointEvery = " + checkpointEvery
          + ", expected ≥ 0 steps (0: checkpoint at the end of each epoch only)");
    }
    nonFinite = nonFinite == null ? NonFinitePolicy.FAIL : nonFinite;
    if (!(rollbackFactor > 0 && rollbackFactor < 1)) {
      throw new IllegalArgumentException("training.rollbackFactor = " + rollbackFactor + ", expected a value in (0, 1)");
    }
    frozen = List.copyOf(frozen == null ? List.of() : frozen);
    losses = losses == null ? Losses.defaults() : losses;
    metrics = metrics == null ? Metrics.defaults() : metrics;
  }

  /** The defaults: {@code builder().build()}. */
  public static TrainingConfig defaults() {
    return builder().build();
  }

  /** A fresh weighting for one run. */
  public Weighting newWeighting() {
    return weighting.value().get();
  }

  /** A fresh optimizer for one run, its rate multiplied by {@code schedule}. */
  public Optimizer newOptimizer(LrSchedule schedule) {
    return optimizer.value().create(schedule);
  }

  /** The settings as a JSON-able map (model-file provenance, checkpoint compatibility checks). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epochs", epochs);
    m.put("batchSize", batchSize);
    m.put("threads", threads);
    m.put("seed", seed);
    m.put("optimizer", optimizer.name());
    m.put("optimizerOptions", new TreeMap<>(optimizer.options()));
    m.put("schedule", schedule.toString());
    m.put("gradClipNorm", gradClipNorm);
    m.put("weighting", weighting.name());
    m.put("weightingOptions", new TreeMap<>(weighting.options()));
    m.put("patience", patience);
    m.put("sampling", sampling.configName());
    m.put("checkpointEvery", checkpointEvery);
    m.put("nonFinite", nonFinite.configName());
    m.put("rollbackFactor", rollbackFactor);
    m.put("frozen", frozen);
    m.put("representationGradients", representationGradients);
    return m;
  }

  private static void positive(String key, int value) {
    if (value <= 0) throw new IllegalArgumentException("training." + key + " = " + value + ", expected an integer > 0");
  }

  /** A builder holding these settings, to change a few. */
  public Builder toBuilder() {
    return builder().epochs(epochs).batchSize(batchSize).threads(threads).seed(seed).optimizer(optimizer)
        .schedule(schedule).gradClipNorm(gradClipNorm).weighting(weighting).patience(patience)
        .sampling(sampling).checkpointEvery(checkpointEvery).nonFinite(nonFinite).rollbackFactor(rollbackFactor)
        .frozen(frozen).representationGradients(representationGradients).losses(losses).metrics(metrics);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The one set of training defaults, shared by the Java API and the CLI (a YAML key that is absent keeps these):
   * 30 epochs, batch 256, 1 thread, seed 1, Adam (its defaults: lr 1e-3), EW, patience 5, no clipping, cycle
   * sampling. One thread because results are bit-identical only for a given thread count: a default that followed
   * the machine's cores would make the same config train differently elsewhere; ask for more threads explicitly.
   *
   * <p>Names and option maps are bound when {@link #build()} runs, through the registries given to
   * {@link #weightings} and {@link #optimizers} (the built-in ones unless set), so a typo fails there.
   */
  public static final class Builder {
    private int epochs = 30;
    private int batchSize = 256;
    private int threads = 1;
    private long seed = 1;
    private String optimizerName = "adam";
    private Map<String, Object> optimizerOptions = Map.of();
    private OptimizerOptions optimizerValue;
    private LrSchedule schedule = LrSchedule.constant();
    private double gradClipNorm;
    private String weightingName = "ew";
    private Map<String, Object> weightingOptions = Map.of();
    private Supplier<Weighting> weightingFactory;
    private int patience = 5;
    private Sampling sampling = Sampling.CYCLE;
    private int checkpointEvery;
    private NonFinitePolicy nonFinite = NonFinitePolicy.FAIL;
    private double rollbackFactor = 0.5;
    private List<String> frozen = List.of();
    private boolean representationGradients;
    private Registry<Weighting> weightings = Weightings.defaults();
    private Registry<OptimizerOptions> optimizers = Optimizers.defaults();
    private Registry<Loss> losses = Losses.defaults();
    private Registry<Metric.ForKind> metrics = Metrics.defaults();

    public Builder epochs(int v) { epochs = v; return this; }
    public Builder batchSize(int v) { batchSize = v; return this; }
    public Builder threads(int v) { threads = v; return this; }
    public Builder seed(long v) { seed = v; return this; }

    /** The optimizer by registry name with options by record component name, bound at {@link #build()}. */
    public Builder optimizer(String name, Map<String, ?> options) {
      optimizerName = name;
      optimizerOptions = options == null ? Map.of() : Map.copyOf(options);
      optimizerValue = null;
      return this;
    }

    /** The optimizer as an options object ({@code new Adam.Options(…)}); provenance records its components. */
    public Builder optimizer(OptimizerOptions options) {
      if (options == null) throw new IllegalArgumentException("training.optimizer is missing");
      return optimizer(new Choice<>(options.optimizerName(), componentMap(options), options));
    }

    Builder optimizer(Choice<OptimizerOptions> choice) {
      optimizerName = choice.name();
      optimizerOptions = choice.options();
      optimizerValue = choice.value();
      return this;
    }

    /** The optimizer's base learning rate, over what {@link #optimizer} set. */
    public Builder learningRate(double lr) {
      Map<String, Object> o = new LinkedHashMap<>(optimizerOptions);
      o.put("learningRate", lr);
      optimizerOptions = Map.copyOf(o);
      if (optimizerValue != null) optimizerValue = optimizerValue.withLearningRate(lr);
      return this;
    }

    public Builder schedule(LrSchedule v) { schedule = v; return this; }
    public Builder gradClipNorm(double v) { gradClipNorm = v; return this; }

    /** A weighting by registry name with its default options. */
    public Builder weighting(String name) { return weighting(name, Map.of()); }

    /** A weighting by registry name with options by {@code Options} component name, bound at {@link #build()}. */
    public Builder weighting(String name, Map<String, ?> options) {
      weightingName = name;
      weightingOptions = options == null ? Map.of() : Map.copyOf(options);
      weightingFactory = null;
      return this;
    }

    /**
     * A weighting from code: {@code weighting(PCGrad::new)} or {@code weighting(() -> new MyWeighting(0.5))}. Each run
     * calls {@code factory} once for a weighting of its own. Provenance and checkpoints record the class's simple name
     * and no options; use {@link #weighting(String, Supplier)} to record another name.
     */
    public Builder weighting(Supplier<? extends Weighting> factory) {
      return weighting(null, factory);
    }

    /**
     * A weighting from code recorded under {@code name}: a resumed run must give the same name (and a factory of the
     * same configuration: options in code are not recorded, so give differently configured factories other names).
     */
    public Builder weighting(String name, Supplier<? extends Weighting> factory) {
      if (factory == null) throw new IllegalArgumentException("training.weighting: the factory is missing");
      Supplier<Weighting> checked = nonNull(factory);
      Class<?> type = checked.get().getClass(); // a broken factory fails here, not in the first step
      String recorded = name != null ? name : type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
      return weighting(new Choice<>(recorded, Map.of(), checked));
    }

    Builder weighting(Choice<Supplier<Weighting>> choice) {
      weightingName = choice.name();
      weightingOptions = choice.options();
      weightingFactory = choice.value();
      return this;
    }

    /** The registry that binds weighting names (default: {@link Weightings#defaults()}). */
    public Builder weightings(Registry<Weighting> registry) { weightings = registry; return this; }

    /** The registry that binds optimizer names (default: {@link Optimizers#defaults()}). */
    public Builder optimizers(Registry<OptimizerOptions> registry) { optimizers = registry; return this; }

    /** The registry that binds the tasks' loss names when a run starts (default: {@link Losses#defaults()}). */
    public Builder losses(Registry<Loss> registry) { losses = registry; return this; }

    /** The registry that binds the tasks' metric names for validation (default: {@link Metrics#defaults()}). */
    public Builder metrics(Registry<Metric.ForKind> registry) { metrics = registry; return this; }

    public Builder patience(int v) { patience = v; return this; }
    public Builder sampling(Sampling v) { sampling = v; return this; }
    public Builder checkpointEvery(int steps) { checkpointEvery = steps; return this; }
    public Builder nonFinite(NonFinitePolicy v) { nonFinite = v; return this; }
    public Builder rollbackFactor(double v) { rollbackFactor = v; return this; }
    public Builder frozen(List<String> v) { frozen = v; return this; }
    public Builder frozen(String... v) { frozen = List.of(v); return this; }
    public Builder representationGradients(boolean v) { representationGradients = v; return this; }

    public TrainingConfig build() {
      return new TrainingConfig(epochs, batchSize, threads, seed, optimizerChoice(), schedule, gradClipNorm,
          weightingChoice(), patience, sampling, checkpointEvery, nonFinite, rollbackFactor, frozen,
          representationGradients, losses, metrics);
    }

    private Choice<OptimizerOptions> optimizerChoice() {
      if (optimizerName == null) throw new IllegalArgumentException("training.optimizer is missing");
      OptimizerOptions value = optimizerValue != null ? optimizerValue
          : optimizers.create(optimizerName, optimizerOptions, "optimizer.options");
      return new Choice<>(optimizerName, optimizerOptions, value);
    }

    private Choice<Supplier<Weighting>> weightingChoice() {
      if (weightingName == null) throw new IllegalArgumentException("training.weighting is missing");
      if (weightingFactory != null) return new Choice<>(weightingName, weightingOptions, weightingFactory);
      // Bound once here so that a bad name or option fails before training; each run binds its own instance.
      Registry<Weighting> registry = weightings;
      String name = weightingName;
      Map<String, Object> options = weightingOptions;
      registry.create(name, options, "weighting.options");
      return new Choice<>(name, options, () -> registry.create(name, options, "weighting.options"));
    }

    private static Supplier<Weighting> nonNull(Supplier<? extends Weighting> factory) {
      return () -> {
        Weighting w = factory.get();
        if (w == null) throw new IllegalStateException("training.weighting: the factory returned null");
        return w;
      };
    }

    private static Map<String, Object> componentMap(OptimizerOptions options) {
      return options instanceof Record r ? OptionBinder.toMap(r) : Map.of();
    }
  }
}
