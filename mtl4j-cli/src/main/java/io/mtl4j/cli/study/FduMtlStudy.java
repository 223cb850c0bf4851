package io.mtl4j.cli.study;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.MultiInputData;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.encode.TokenEncoder;
import io.mtl4j.data.read.FduMtl;
import io.mtl4j.encode.text.TokenRows;
import io.mtl4j.encode.text.Tokenizer;
import io.mtl4j.encode.text.Vocabulary;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.ModelEvaluator;
import io.mtl4j.train.ThreadLimit;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Multi-task text classification on FDU-MTL (Liu, Qiu &amp; Huang, ACL 2017): 16 review domains, one binary sentiment
 * task each. One model with a shared word-embedding table and a logistic-regression head per domain, against one
 * model per domain trained the same way (same vocabulary, encoder, optimiser, epochs and early stopping on the domain's
 * dev split), paired by seed.
 */
@Command(name = "fdu-mtl", mixinStandardHelpOptions = true,
    description = "Shared word embeddings + per-domain heads vs one model per domain on FDU-MTL's 16 sentiment tasks.")
public final class FduMtlStudy implements Callable<Integer> {
  @Option(names = "--data-dir", required = true, description = "the fdu-mtl folder (48 .task.* files, gzipped or not)")
  Path dataDir;
  @Option(names = "--seeds", defaultValue = "3") int seeds;
  @Option(names = "--epochs", defaultValue = "30") int epochs;
  @Option(names = "--patience", defaultValue = "5") int patience;
  @Option(names = "--batch", defaultValue = "32", description = "rows per domain per step") int batch;
  @Option(names = "--learning-rate", defaultValue = "0.003") double learningRate;
  @Option(names = "--dimension", defaultValue = "64", description = "word-embedding size") int dimension;
  @Option(names = "--pooling", defaultValue = "mean", description = "mean, max or conv") String pooling;
  @Option(names = "--conv-width", defaultValue = "3") int convWidth;
  @Option(names = "--conv-channels", defaultValue = "100") int convChannels;
  @Option(names = "--min-count", defaultValue = "2", description = "a word's training count to get its own row") int minCount;
  @Option(names = "--threads", description = "concurrent training runs, one core each (default: all cores)") Integer threads;
  @Option(names = "--out", required = true) Path out;

  /** One model's test accuracy per domain (in {@link FduMtl#DOMAINS} order) for one seed. */
  record Run(String model, int seed, double[] accuracy, double seconds) {}

  @Override
  public Integer call() throws Exception {
    TokenEncoder.Pooling p = TokenEncoder.Pooling.valueOf(pooling.toUpperCase(Locale.ROOT));
    if (seeds < 1) throw new IllegalArgumentException("--seeds = " + seeds + ", expected ≥ 1");
    int workers = threads == null ? Runtime.getRuntime().availableProcessors() : ThreadLimit.check("--threads", threads);
    long start = System.nanoTime();
    List<FduMtl.Domain> domains = FduMtl.readAll(dataDir, false);
    Tokenizer tokenizer = Tokenizer.words();
    List<List<String>> trainDocs = new ArrayList<>();
    for (FduMtl.Domain d : domains) for (String t : d.train().texts()) trainDocs.add(tokenizer.tokens(t));
    Vocabulary vocabulary = Vocabulary.fit(trainDocs, new Vocabulary.Options(minCount, Integer.MAX_VALUE));
    InputSpec inputs = new InputSpec(List.of(p == TokenEncoder.Pooling.CONV
        ? new TokenEncoder.Spec("text", vocabulary.size(), dimension, p, convWidth, convChannels, false)
        : new TokenEncoder.Spec("text", vocabulary.size(), dimension, p, 0, 0, false)));
    Map<String, Dataset[]> splits = new LinkedHashMap<>();
    for (FduMtl.Domain d : domains) {
      splits.put(d.name(), new Dataset[] {dataset(d.name(), d.train(), tokenizer, vocabulary),
          dataset(d.name(), d.dev(), tokenizer, vocabulary), dataset(d.name(), d.test(), tokenizer, vocabulary)});
    }
    Files.createDirectories(out);
    System.out.printf(Locale.ROOT, "fdu-mtl: 16 domains, vocabulary %d rows, %s pooling, dimension %d, %d seeds, "
        + "%d concurrent runs%n", vocabulary.size(), pooling, dimension, seeds, workers);
    List<Run> runs = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<Run>> pending = new ArrayList<>();
      for (int s = 1; s <= seeds; s++) {
        int seed = s;
        pending.add(pool.submit(() -> multiTask(inputs, splits, seed)));
        pending.add(pool.submit(() -> singleTask(inputs, splits, seed)));
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
    String table = table(runs);
    System.out.println();
    System.out.print(table);
    write(runs, table);
    System.out.printf(Locale.ROOT, "%nwrote %s (results.csv, table.md) in %.0f s%n", out, (System.nanoTime() - start) / 1e9);
    return 0;
  }

  private static Dataset dataset(String task, FduMtl.Labelled split, Tokenizer tokenizer, Vocabulary vocabulary) {
    float[] y = new float[split.size()];
    for (int i = 0; i < y.length; i++) y[i] = split.labels()[i];
    return Dataset.builder(FeatureRows.of(Map.of("text", TokenRows.of(split.texts(), tokenizer, vocabulary))))
        .task(task, Tensor.of(y, y.length)).build();
  }

  private TrainingConfig config(long seed) {
    return TrainingConfig.builder().epochs(epochs).batchSize(batch).threads(1).seed(seed).learningRate(learningRate)
        .patience(patience).build();
  }

  private static ModelSpec spec(InputSpec inputs, List<String> domains) {
    List<Task> tasks = new ArrayList<>();
    for (String d : domains) tasks.add(Task.of(d, TaskType.binary(), "accuracy"));
    return ModelSpec.of(inputs, tasks, new SharedBottom.Options(), new Head.Options());
  }

  /** One model: the embedding table shared by the 16 domains, a logistic-regression head each. */
  private Run multiTask(InputSpec inputs, Map<String, Dataset[]> splits, int seed) {
    long t0 = System.nanoTime();
    List<String> names = new ArrayList<>(splits.keySet());
    MultiTaskModel model = MultiTaskModel.create(spec(inputs, names), seed);
    Map<String, Dataset> train = new LinkedHashMap<>(), dev = new LinkedHashMap<>(), test = new LinkedHashMap<>();
    for (String d : names) {
      train.put(d, splits.get(d)[0]);
      dev.put(d, splits.get(d)[1]);
      test.put(d, splits.get(d)[2]);
    }
    new Trainer(config(seed)).fit(model, MultiInputData.of(train), MultiInputData.of(dev));
    Evaluation e = ModelEvaluator.evaluate(model, MultiInputData.of(test));
    double[] acc = new double[names.size()];
    for (int i = 0; i < acc.length; i++) acc[i] = e.score(names.get(i), "accuracy").value();
    return new Run("shared-mtl", seed, acc, (System.nanoTime() - t0) / 1e9);
  }

  /** Sixteen models, each its own embedding table trained on its domain alone. */
  private Run singleTask(InputSpec inputs, Map<String, Dataset[]> splits, int seed) {
    long t0 = System.nanoTime();
    List<String> names = new ArrayList<>(splits.keySet());
    double[] acc = new double[names.size()];
    for (int i = 0; i < acc.length; i++) {
      String d = names.get(i);
      MultiTaskModel model = MultiTaskModel.create(spec(inputs, List.of(d)), seed);
      new Trainer(config(seed)).fit(model, splits.get(d)[0], splits.get(d)[1]);
      acc[i] = ModelEvaluator.evaluate(model, splits.get(d)[2]).score(d, "accuracy").value();
    }
    return new Run("single-task", seed, acc, (System.nanoTime() - t0) / 1e9);
  }

  /** Per-domain mean test accuracy (%) over seeds for each model, and the average row. */
  static String table(List<Run> runs) {
    StringBuilder b = new StringBuilder("| domain | single-task | shared-mtl | gain |\n| --- | ---: | ---: | ---: |\n");
    double[] st = meanOverSeeds(runs, "single-task"), mtl = meanOverSeeds(runs, "shared-mtl");
    for (int i = 0; i < FduMtl.DOMAINS.size(); i++) {
      b.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %+.2f |%n", FduMtl.DOMAINS.get(i), 100 * st[i],
          100 * mtl[i], 100 * (mtl[i] - st[i])));
    }
    b.append(String.format(Locale.ROOT, "| **average** | %.2f | %.2f | %+.2f |%n", 100 * mean(st), 100 * mean(mtl),
        100 * (mean(mtl) - mean(st))));
    return b.toString();
  }

  private static double[] meanOverSeeds(List<Run> runs, String model) {
    double[] sum = new double[FduMtl.DOMAINS.size()];
    int n = 0;
    for (Run r : runs) {
      if (!r.model.equals(model)) continue;
      n++;
      for (int i = 0; i < sum.length; i++) sum[i] += r.accuracy[i];
    }
    for (int i = 0; i < sum.length; i++) sum[i] /= n;
    return sum;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) s += x;
    return s / v.length;
  }

  private void write(List<Run> runs, String table) throws IOException {
    Path csv = out.resolve("results.csv"), tmp = out.resolve(".results.csv.tmp");
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(tmp))) {
      w.println("model,seed,domain,test_accuracy,seconds");
      for (Run r : runs) {
        for (int i = 0; i < r.accuracy.length; i++) {
          w.printf(Locale.ROOT, "%s,%d,%s,%.6f,%.1f%n", r.model, r.seed, FduMtl.DOMAINS.get(i), r.accuracy[i], r.seconds);
        }
      }
    }
    Files.move(tmp, csv, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    Path md = out.resolve("table.md"), mdTmp = out.resolve(".table.md.tmp");
    Files.writeString(mdTmp, table);
    Files.move(mdTmp, md, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
