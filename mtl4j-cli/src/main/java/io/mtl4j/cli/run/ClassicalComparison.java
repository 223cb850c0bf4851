package io.mtl4j.cli.run;

import io.mtl4j.classical.ClassicalModel;
import io.mtl4j.classical.ComparedModel;
import io.mtl4j.classical.ComparisonRow;
import io.mtl4j.classical.Formulations;
import io.mtl4j.classical.TaskMetrics;
import io.mtl4j.classical.TrainTestSplit;
import io.mtl4j.classical.Tuner;
import io.mtl4j.config.Checks;
import io.mtl4j.config.OptionBinder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs classical models on train/test splits and returns {@code comparison.csv} rows
 * ({@code model,seed,task,metric,value}). Each (model, split) fit is independent; they run on {@code threads}
 * workers and the rows come back in (model, split) order whatever the scheduling.
 *
 * <p>Seeds: a model without a {@code seed} option gets the split's number, so MALSAR's random starts differ from
 * split to split yet repeat from run to run.
 */
public final class ClassicalComparison {
  /**
   * @param threads     parallel fits, >= 1
   * @param perTaskRows also write one row per task (not only the {@code average} rows)
   * @param tuning      validation carve for list-valued options (each spec may override it with
   *                    {@code validation-fraction}, {@code validation-seed})
   */
  public record Options(int threads, boolean perTaskRows, Tuner.Options tuning) {
    public Options {
      Checks.atLeast("ClassicalComparison.Options", "threads", threads, 1);
      Checks.notNull("ClassicalComparison.Options", "tuning", tuning);
    }

    /** Two workers (or one on a single core), averages only, 20% validation carve with seed 0. */
    public static Options defaults() {
      return new Options(Math.min(2, Runtime.getRuntime().availableProcessors()), false, Tuner.Options.defaults());
    }
  }

  /** A comparison's rows and each model as fitted on the first split (by spec name), for model files. */
  public record Result(List<ComparisonRow> rows, Map<String, Fit> firstSplit) {}

  /** One fitted model, the options it was fitted with (tuned grids resolved, seed filled in) and its rows. */
  public record Fit(ClassicalModel model, Map<String, Object> options, List<ComparisonRow> rows) {}

  private ClassicalComparison() {}

  public static List<ComparisonRow> run(List<ComparedModel> models, List<TrainTestSplit> splits) {
    return run(models, splits, Options.defaults());
  }

  public static List<ComparisonRow> run(List<ComparedModel> models, List<TrainTestSplit> splits, Options options) {
    return runKeepingFirstSplit(models, splits, options).rows();
  }

  /** As {@link #run}, also keeping the models fitted on {@code splits.get(0)}. */
  public static Result runKeepingFirstSplit(List<ComparedModel> models, List<TrainTestSplit> splits, Options options) {
    for (ComparedModel m : models) Formulations.create(m.formulation(), scalarDefaults(m.options()));
    ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
      Thread t = new Thread(r, "mtl4j-classical");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Fit>> jobs = new ArrayList<>();
      for (ComparedModel m : models) {
        for (TrainTestSplit s : splits) jobs.add(pool.submit(() -> fit(m, s, options)));
      }
      List<ComparisonRow> rows = new ArrayList<>();
      Map<String, Fit> first = new LinkedHashMap<>();
      for (int i = 0; i < jobs.size(); i++) {
        Fit f = jobs.get(i).get();
        rows.addAll(f.rows());
        if (i % splits.size() == 0) first.put(models.get(i / splits.size()).name(), f);
      }
      return new Result(rows, first);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("comparison interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) throw re;
      throw new IllegalStateException("comparison failed: " + cause, cause);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Fits one model on one split and evaluates it on the split's test part. */
  public static List<ComparisonRow> runOne(ComparedModel spec, TrainTestSplit split, Options options) {
    return fit(spec, split, options).rows();
  }

  /** As {@link #runOne}, keeping the fitted model and its options. */
  public static Fit fit(ComparedModel spec, TrainTestSplit split, Options options) {
    Map<String, Object> opts = new LinkedHashMap<>(spec.options());
    Tuner.Options base = tuningOptions(opts, options.tuning());
    // One carve per split: the same for every model of the split, different from split to split.
    Tuner.Options tuning = new Tuner.Options(base.fraction(), base.seed() * 1_000_003L + split.seed());
    if (!OptionBinder.hasKey(opts, "seed")) opts.put("seed", split.seed());
    List<ComparisonRow> rows = new ArrayList<>();
    long start = System.nanoTime();
    Map<String, Object> chosen = opts;
    if (Tuner.needsTuning(opts)) {
      Tuner.Choice choice = Tuner.select(spec.formulation(), opts, split.train(), tuning);
      chosen = choice.options();
      for (Map.Entry<String, Object> e : opts.entrySet()) {
        if (e.getValue() instanceof List<?> && chosen.get(e.getKey()) instanceof Number n) {
          rows.add(new ComparisonRow(spec.name(), split.seed(), "average", "selected-" + e.getKey(),
              n.doubleValue()));
        }
      }
    }
    ClassicalModel model = Formulations.create(spec.formulation(), chosen).fit(split.train());
    double seconds = (System.nanoTime() - start) / 1e9;
    TaskMetrics metrics = TaskMetrics.of(model, split.test());
    List<ComparisonRow> out = new ArrayList<>(metrics.rows(spec.name(), split.seed(), split.taskNames(),
        model.classifier(), options.perTaskRows()));
    out.addAll(rows);
    out.add(new ComparisonRow(spec.name(), split.seed(), "average", "fit-seconds", seconds));
    out.add(new ComparisonRow(spec.name(), split.seed(), "average", "iterations", model.report().iterations()));
    out.add(new ComparisonRow(spec.name(), split.seed(), "average", "converged", model.report().converged() ? 1 : 0));
    return new Fit(model, chosen, out);
  }

  /** Writes the rows as CSV with the header {@value ComparisonRow#HEADER}. */
  public static void writeCsv(List<ComparisonRow> rows, Path file) {
    List<String> lines = new ArrayList<>();
    lines.add(ComparisonRow.HEADER);
    for (ComparisonRow r : rows) lines.add(r.toCsv());
    try {
      if (file.getParent() != null) Files.createDirectories(file.getParent());
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static Tuner.Options tuningOptions(Map<String, Object> opts, Tuner.Options fallback) {
    double fraction = fallback.fraction();
    long seed = fallback.seed();
    for (String key : List.copyOf(opts.keySet())) {
      String k = OptionBinder.normalise(key);
      if (k.equals(OptionBinder.normalise(Tuner.FRACTION_KEY))) {
        fraction = ((Number) opts.remove(key)).doubleValue();
      } else if (k.equals(OptionBinder.normalise(Tuner.SEED_KEY))) {
        seed = ((Number) opts.remove(key)).longValue();
      }
    }
    return new Tuner.Options(fraction, seed);
  }

  /** The spec's options with each grid replaced by its first value and the tuner's keys dropped: for validation. */
  static Map<String, Object> scalarDefaults(Map<String, Object> options) {
    Map<String, Object> out = new LinkedHashMap<>(options);
    tuningOptions(out, Tuner.Options.defaults());
    out.replaceAll((k, v) -> v instanceof List<?> l && !l.isEmpty() ? l.get(0) : v);
    return out;
  }
}
