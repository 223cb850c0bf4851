package io.mtl4j.cli.tune;

import io.mtl4j.arch.Architectures;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.cli.config.ConfigTree;
import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.cli.run.Experiment;
import io.mtl4j.config.OptionBinder;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.train.NonFiniteLossException;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingListener;
import io.mtl4j.train.TrainingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a config's {@code tune} search on one prepared split: every trial's config is bound and checked before any
 * training, each trial trains on the training rows and is scored on the validation rows only, and the best trial's
 * config is returned for the caller to train as usual (training is deterministic, so that run reproduces the trial).
 * The test rows are never read here.
 */
public final class Tuner {
  /** A trial: its number (1-based), the values it sets and the whole config they make. */
  record Trial(int number, Map<String, Object> values, RunConfig config) {}

  private final TuneSettings settings;
  private final ConfigTree tree;
  private final Consumer<String> log;

  private Tuner(TuneSettings settings, ConfigTree tree, Consumer<String> log) {
    this.settings = settings;
    this.tree = tree;
    this.log = log;
  }

  /** A tuner for {@code config} (read from {@code tree}), or null when it has no {@code tune} section. */
  public static Tuner of(ConfigTree tree, RunConfig config, Consumer<String> log) {
    return config.tune() == null ? null : new Tuner(TuneSettings.of(config.tune()), tree, log);
  }

  public TuneSettings settings() {
    return settings;
  }

  /**
   * Every trial's config for one model: {@code entry} (a compared model, or null for the config's own architecture)
   * with the trial's values. For a compared model, {@code architecture.options} keys its architecture does not have
   * are left out (an MMoE's experts mean nothing to single-task), and trials that then coincide train once.
   *
   * @throws IllegalArgumentException naming the trial, its values and the key path at fault
   */
  List<Trial> plan(Experiment exp, RunConfig.Architecture entry, String weighting, long seed) {
    ConfigTree base = untunedTree(entry);
    java.util.Set<Map<String, Object>> distinct = new LinkedHashSet<>();
    for (Map<String, Object> values : settings.trials()) distinct.add(entry == null ? values : applicable(values, entry));
    List<Trial> out = new ArrayList<>();
    for (Map<String, Object> values : distinct) {
      int number = out.size() + 1;
      try {
        ConfigTree c = base;
        for (Map.Entry<String, Object> v : values.entrySet()) c = c.with(v.getKey(), v.getValue());
        RunConfig config = c.bind();
        exp.spec(config.architecture());
        new Trainer(Experiment.training(config, seed, weighting)).check(exp.tasks());
        out.add(new Trial(number, values, config));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("tune trial " + number + " " + format(values) + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** Binds and checks every trial of one model before any training; see {@link #plan}. */
  public void check(Experiment exp, RunConfig.Architecture entry, String weighting, long seed) {
    plan(exp, entry, weighting, seed);
  }

  private ConfigTree untunedTree(RunConfig.Architecture entry) {
    ConfigTree base = tree.without("tune");
    return entry == null ? base : base.with("architecture", entry);
  }

  /** {@code values} without the architecture options that {@code entry}'s architecture does not have. */
  private static Map<String, Object> applicable(Map<String, Object> values, RunConfig.Architecture entry) {
    Map<String, Object> known = Architectures.toMap(Architectures.create(entry.name() == null ? "mmoe" : entry.name(),
        entry.options() == null ? Map.of() : entry.options()));
    Map<String, Object> out = new LinkedHashMap<>();
    String prefix = "architecture.options.";
    values.forEach((k, v) -> {
      if (!k.startsWith(prefix) || OptionBinder.hasKey(known, k.substring(prefix.length()))) out.put(k, v);
    });
    return out;
  }

  /**
   * Trains every trial of one model on {@code exp}'s training rows and scores it on its validation rows.
   *
   * @param label    the model's name in messages and tuning.json ("mmoe", "mmoe, fold 2")
   * @param progress a training listener per trial label
   */
  public Search search(String label, Experiment exp, RunConfig.Architecture entry, String weighting, long seed,
                       Function<String, TrainingListener> progress) {
    if (!exp.hasValid()) {
      throw new IllegalArgumentException("tune chooses on validation rows, and the split has none: set "
          + "data.split.valid > 0 or give data.valid (the test rows are never used to choose)");
    }
    List<Trial> trials = plan(exp, entry, weighting, seed);
    Evaluation untrained = exp.evaluateValid(exp.newModel(exp.spec(trials.get(0).config().architecture()), seed));
    settings.objective().check(untrained);
    List<String> diverged = new ArrayList<>();
    List<TrainingResult> trained = trainAll(label, exp, trials, weighting, seed, progress, diverged);
    Evaluation reference = settings.objective().needsReference() ? reference(label, exp, entry, weighting, seed, trials,
        trained, progress) : null;
    List<Search.Result> results = new ArrayList<>();
    int best = 0;
    for (int i = 0; i < trials.size(); i++) {
      Trial t = trials.get(i);
      TrainingResult r = trained.get(i);
      Evaluation v = r == null ? null : r.best().validation();
      results.add(r == null ? Search.Result.diverged(t.number(), t.values(), t.config(), seed, diverged.get(i))
          : new Search.Result(t.number(), t.values(), t.config(), seed, settings.objective().value(v, reference),
              settings.objective().score(v, reference), r.bestEpoch() + 1, r.epochs().size(), r.seconds(), null));
      if (results.get(i).score() > results.get(best).score()) best = i;
      log.accept(String.format(Locale.ROOT, "%s trial %d/%d: %s → %s", label, t.number(), trials.size(), format(t.values()),
          r == null ? "diverged" : String.format(Locale.ROOT, "%.4f", results.get(i).value())));
    }
    return new Search(label, settings, settings.objective().describe(untrained), results, best);
  }

  /**
   * Trains every trial; a trial whose loss becomes NaN or infinite gives null, with the reason in {@code diverged}.
   *
   * @throws IllegalStateException when every trial diverged (nothing to choose)
   */
  private static List<TrainingResult> trainAll(String label, Experiment exp, List<Trial> trials, String weighting,
                                               long seed, Function<String, TrainingListener> progress, List<String> diverged) {
    List<TrainingResult> trained = new ArrayList<>();
    for (Trial t : trials) {
      try {
        trained.add(train(exp, t.config(), weighting, seed, progress.apply(label + " trial " + t.number() + "/" + trials.size())));
        diverged.add(null);
      } catch (NonFiniteLossException e) {
        // A learning rate too high for the data is a result of the search, not a reason to stop it.
        trained.add(null);
        diverged.add(e.getMessage());
      }
    }
    if (!diverged.contains(null)) {
      throw new IllegalStateException("tune: every trial of " + label + " diverged (a loss became NaN or infinite), the "
          + "first with: " + diverged.get(0) + "; try smaller learning rates");
    }
    return trained;
  }

  /**
   * The untuned config's validation metrics, for Δm%: a trial that is the untuned config already has them (training
   * is deterministic); otherwise the untuned config trains once more.
   */
  private Evaluation reference(String label, Experiment exp, RunConfig.Architecture entry, String weighting, long seed,
                               List<Trial> trials, List<TrainingResult> trained, Function<String, TrainingListener> progress) {
    RunConfig untuned = untunedTree(entry).bind();
    for (int i = 0; i < trials.size(); i++) {
      if (trials.get(i).config().equals(untuned) && trained.get(i) != null) return trained.get(i).best().validation();
    }
    // Diverging here ends the search: Δm% has no reference to measure the trials against.
    return train(exp, untuned, weighting, seed, progress.apply(label + " untuned")).best().validation();
  }

  private static TrainingResult train(Experiment exp, RunConfig config, String weighting, long seed, TrainingListener listener) {
    ModelSpec spec = exp.spec(config.architecture());
    TrainingConfig training = Experiment.training(config, seed, weighting);
    return exp.fit(new Trainer(training, listener), exp.newModel(spec, seed));
  }

  static String format(Map<String, Object> values) {
    StringBuilder sb = new StringBuilder();
    values.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(value(v)));
    return sb.toString();
  }

  private static String value(Object v) {
    // Four significant digits: a log-uniform draw printed in full would hide the values' scale.
    return v instanceof Double d && Double.isFinite(d)
        ? new java.math.BigDecimal(d).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString() : String.valueOf(v);
  }
}
