package io.mtl4j.cli.study;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.MultiInputData;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.train.ModelEvaluator;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Multi-task models with a shared input encoder and a logistic-regression head per task, against one model per task
 * trained the same way (same encoder, optimiser, epochs and early stopping on the task's dev split), paired by seed:
 * the text studies' comparison (FDU-MTL, 20 Newsgroups). A variant may also train on planted extra tasks (a domain
 * with flipped labels): they count in its training only, never in its table, so the table shows what they cost.
 *
 * @param inputs   the encoder, shared by the tasks in a multi-task model, one each in the single-task models
 * @param splits   per task (in table order) its {train, dev, test} datasets
 * @param extra    planted tasks' {train, dev, test} datasets, trained on by the variants that ask for them
 * @param variants the multi-task models, in table order
 * @param config   a run's training settings for its seed
 * @param initial  applied to every model once built, before training (pre-trained word vectors)
 */
record SharedVsSingle(InputSpec inputs, Map<String, Dataset[]> splits, Map<String, Dataset[]> extra,
                      List<Variant> variants, LongFunction<TrainingConfig> config, Consumer<MultiTaskModel> initial) {
  /** The single-task models' name in runs and tables. */
  static final String SINGLE_TASK = "single-task";

  /**
   * One model's test accuracy per task (in {@link #splits} order) for one seed, and per extra task it trained on (in
   * {@link #extra} order; empty without them).
   */
  record Run(String model, int seed, double[] accuracy, double seconds, double[] extraAccuracy) {
    Run(String model, int seed, double[] accuracy, double seconds) {
      this(model, seed, accuracy, seconds, new double[0]);
    }
  }

  /**
   * A multi-task model: its name in the table, its shared part, whether it also trains on the extra tasks, and their
   * weight in its loss (each of {@link #splits}' tasks has 1).
   */
  record Variant(String name, Architecture.Factory architecture, boolean withExtra, double extraWeight) {
    Variant(String name, Architecture.Factory architecture, boolean withExtra) {
      this(name, architecture, withExtra, 1);
    }
  }

  /** One shared-bottom model, {@code shared-mtl}, against the single-task ones. */
  SharedVsSingle(InputSpec inputs, Map<String, Dataset[]> splits, LongFunction<TrainingConfig> config) {
    this(inputs, splits, Map.of(), List.of(new Variant("shared-mtl", new SharedBottom.Options(), false)), config);
  }

  /** Models trained from their seeded initialisation. */
  SharedVsSingle(InputSpec inputs, Map<String, Dataset[]> splits, Map<String, Dataset[]> extra, List<Variant> variants,
                 LongFunction<TrainingConfig> config) {
    this(inputs, splits, extra, variants, config, model -> { });
  }

  private MultiTaskModel created(ModelSpec spec, int seed) {
    MultiTaskModel model = MultiTaskModel.create(spec, seed);
    initial.accept(model);
    return model;
  }

  /** Every model for seeds 1..seeds, {@code workers} runs at a time, each run printed as it finishes. */
  List<Run> runAll(int seeds, int workers) throws Exception {
    return runAll(seeds, workers, true);
  }

  /** As above; without {@code singleTask}, only the multi-task variants. */
  List<Run> runAll(int seeds, int workers, boolean singleTask) throws Exception {
    List<Run> runs = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<Run>> pending = new ArrayList<>();
      for (int s = 1; s <= seeds; s++) {
        int seed = s;
        for (Variant v : variants) pending.add(pool.submit(() -> multiTask(seed, v)));
        if (singleTask) pending.add(pool.submit(() -> singleTask(seed)));
      }
      for (Future<Run> f : pending) {
        Run r = f.get();
        runs.add(r);
        System.out.printf(Locale.ROOT, "%-11s seed %d: average test accuracy %.2f%% [%.0f s]%n", r.model, r.seed,
            100 * mean(r.accuracy), r.seconds);
      }
    } finally {
      pool.shutdownNow();
    }
    return runs;
  }

  private ModelSpec spec(List<String> tasks, Variant variant) {
    List<Task> out = new ArrayList<>();
    for (String t : tasks) {
      Task task = Task.of(t, TaskType.binary(), "accuracy");
      out.add(extra.containsKey(t) ? task.withWeight(variant.extraWeight()) : task);
    }
    return ModelSpec.of(inputs, out, variant.architecture(), new Head.Options());
  }

  /** One model: the encoder shared by every task, a logistic-regression head each; scored on {@link #splits}' tasks. */
  Run multiTask(int seed, Variant variant) {
    long t0 = System.nanoTime();
    MultiTaskModel model = trained(seed, variant);
    Map<String, Dataset> test = new LinkedHashMap<>();
    for (Task t : model.tasks()) test.put(t.name(), tasks(variant).get(t.name())[2]);
    Evaluation e = ModelEvaluator.evaluate(model, MultiInputData.of(test));
    List<String> scored = new ArrayList<>(splits.keySet());
    double[] acc = new double[scored.size()];
    for (int i = 0; i < acc.length; i++) acc[i] = e.score(scored.get(i), "accuracy").value();
    List<String> planted = variant.withExtra() ? new ArrayList<>(extra.keySet()) : List.of();
    double[] plantedAcc = new double[planted.size()];
    for (int i = 0; i < plantedAcc.length; i++) plantedAcc[i] = e.score(planted.get(i), "accuracy").value();
    return new Run(variant.name(), seed, acc, (System.nanoTime() - t0) / 1e9, plantedAcc);
  }

  /** The variant's model trained on its tasks' train splits, stopped early on their dev splits. */
  MultiTaskModel trained(int seed, Variant variant) {
    Map<String, Dataset[]> all = tasks(variant);
    List<String> names = new ArrayList<>(all.keySet());
    MultiTaskModel model = created(spec(names, variant), seed);
    Map<String, Dataset> train = new LinkedHashMap<>(), dev = new LinkedHashMap<>();
    for (String d : names) {
      train.put(d, all.get(d)[0]);
      dev.put(d, all.get(d)[1]);
    }
    new Trainer(config.apply(seed)).fit(model, MultiInputData.of(train), MultiInputData.of(dev));
    return model;
  }

  private Map<String, Dataset[]> tasks(Variant variant) {
    Map<String, Dataset[]> all = new LinkedHashMap<>(splits);
    if (variant.withExtra()) all.putAll(extra);
    return all;
  }

  /** One model per task, each its own encoder trained on its task alone. */
  Run singleTask(int seed) {
    long t0 = System.nanoTime();
    List<String> names = new ArrayList<>(splits.keySet());
    double[] acc = new double[names.size()];
    for (int i = 0; i < acc.length; i++) {
      String d = names.get(i);
      MultiTaskModel model = created(spec(List.of(d), new Variant(SINGLE_TASK, new SharedBottom.Options(), false)), seed);
      new Trainer(config.apply(seed)).fit(model, splits.get(d)[0], splits.get(d)[1]);
      acc[i] = ModelEvaluator.evaluate(model, splits.get(d)[2]).score(d, "accuracy").value();
    }
    return new Run(SINGLE_TASK, seed, acc, (System.nanoTime() - t0) / 1e9);
  }

  /**
   * Per-task mean test accuracy (%) over seeds of the baseline — the single-task models, or without them the first
   * model the runs name — and of each other model with its gain over the baseline, and the average row; {@code what}
   * heads the first column.
   */
  static String table(List<Run> runs, List<String> tasks, String what) {
    List<String> models = new ArrayList<>(runs.stream().map(Run::model).distinct().toList());
    String baseline = models.contains(SINGLE_TASK) ? SINGLE_TASK : models.get(0);
    models.remove(baseline);
    StringBuilder b = new StringBuilder("| " + what + " | " + baseline);
    for (String m : models) b.append(" | ").append(m).append(" | gain");
    b.append(" |\n| --- | ---:").append(" | ---: | ---:".repeat(models.size())).append(" |\n");
    double[] base = meanOverSeeds(runs, baseline);
    List<double[]> others = models.stream().map(m -> meanOverSeeds(runs, m)).toList();
    for (int i = 0; i < tasks.size(); i++) {
      b.append(String.format(Locale.ROOT, "| %s | %.2f", tasks.get(i), 100 * base[i]));
      for (double[] m : others) b.append(String.format(Locale.ROOT, " | %.2f | %+.2f", 100 * m[i], 100 * (m[i] - base[i])));
      b.append(" |\n");
    }
    b.append(String.format(Locale.ROOT, "| **average** | %.2f", 100 * mean(base)));
    for (double[] m : others) {
      b.append(String.format(Locale.ROOT, " | %.2f | %+.2f", 100 * mean(m), 100 * (mean(m) - mean(base))));
    }
    return b.append(" |\n").toString();
  }

  private static double[] meanOverSeeds(List<Run> runs, String model) {
    double[] sum = null;
    int n = 0;
    for (Run r : runs) {
      if (!r.model.equals(model)) continue;
      if (sum == null) sum = new double[r.accuracy.length];
      n++;
      for (int i = 0; i < sum.length; i++) sum[i] += r.accuracy[i];
    }
    if (sum == null) throw new IllegalArgumentException("no runs of model '" + model + "'");
    for (int i = 0; i < sum.length; i++) sum[i] /= n;
    return sum;
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) s += x;
    return s / v.length;
  }

  /** Prints the {@link #table} of {@code runs} over {@code tasks}, writes it with the runs to {@code out}, says so. */
  static void report(Path out, List<Run> runs, List<String> tasks, String what, long startNanos) throws IOException {
    String table = table(runs, tasks, what);
    System.out.println();
    System.out.print(table);
    write(out, runs, tasks, table);
    System.out.printf(Locale.ROOT, "%nwrote %s (results.csv, table.md) in %.0f s%n", out, (System.nanoTime() - startNanos) / 1e9);
  }

  /** results.csv (one line per model, seed and task) and table.md in {@code out}, each written whole then renamed. */
  static void write(Path out, List<Run> runs, List<String> tasks, String table) throws IOException {
    Path csv = out.resolve("results.csv"), tmp = out.resolve(".results.csv.tmp");
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(tmp))) {
      w.println("model,seed,task,test_accuracy,seconds");
      for (Run r : runs) {
        for (int i = 0; i < r.accuracy.length; i++) {
          w.printf(Locale.ROOT, "%s,%d,%s,%.6f,%.1f%n", r.model, r.seed, tasks.get(i), r.accuracy[i], r.seconds);
        }
      }
    }
    Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Path md = out.resolve("table.md"), mdTmp = out.resolve(".table.md.tmp");
    Files.writeString(mdTmp, table);
    Files.move(mdTmp, md, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
