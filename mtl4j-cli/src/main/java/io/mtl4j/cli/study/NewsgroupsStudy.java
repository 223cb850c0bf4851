package io.mtl4j.cli.study;

import io.mtl4j.data.Dataset;
import io.mtl4j.encode.BagRows;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.encode.IdRows;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.encode.TokenEncoder;
import io.mtl4j.data.read.MalsarNewsgroups;
import io.mtl4j.tensor.Permutations;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.ThreadLimit;
import io.mtl4j.train.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Multi-task text classification on MALSAR's 20 Newsgroups pairs (comp vs sci, rec vs talk; Gu &amp; Zhou, ICDM 2009):
 * each pair's two tasks split the same two top-level categories from different sub-newsgroups. A document's term
 * counts are an embedding bag (term frequencies weighting its terms' rows); one model with the table shared by the
 * pair's tasks against one model per task, paired by seed. There is no official split: each task's documents are
 * split 60 / 20 / 20 (train / dev / test) with the data seed, the same for every run.
 */
@Command(name = "newsgroups", mixinStandardHelpOptions = true,
    description = "Shared term embeddings + per-task heads vs one model per task on MALSAR's 20 Newsgroups pairs.")
public final class NewsgroupsStudy implements Callable<Integer> {
  @Option(names = "--data-dir", required = true, description = "the malsar-20newsgroups folder (its .svm.gz files)")
  Path dataDir;
  @Option(names = "--seeds", defaultValue = "3") int seeds;
  @Option(names = "--data-seed", defaultValue = "1", description = "seed of the per-task train/dev/test split") long dataSeed;
  @Option(names = "--epochs", defaultValue = "40") int epochs;
  @Option(names = "--patience", defaultValue = "5") int patience;
  @Option(names = "--batch", defaultValue = "32", description = "rows per task per step") int batch;
  @Option(names = "--learning-rate", defaultValue = "0.01") double learningRate;
  @Option(names = "--dimension", defaultValue = "32", description = "term-embedding size") int dimension;
  @Option(names = "--threads", description = "concurrent training runs, one core each (default: all cores)") Integer threads;
  @Option(names = "--out", required = true) Path out;

  @Override
  public Integer call() throws Exception {
    if (seeds < 1) throw new IllegalArgumentException("--seeds = " + seeds + ", expected ≥ 1");
    int workers = threads == null ? Runtime.getRuntime().availableProcessors() : ThreadLimit.check("--threads", threads);
    long start = System.nanoTime();
    InputSpec inputs = new InputSpec(List.of(new TokenEncoder.Spec("terms", MalsarNewsgroups.TERMS, dimension,
        TokenEncoder.Pooling.MEAN, 0, 0, false)));
    Files.createDirectories(out);
    System.out.printf(Locale.ROOT, "newsgroups: pairs %s, %d terms, dimension %d, %d seeds, %d concurrent runs%n",
        MalsarNewsgroups.PAIRS, MalsarNewsgroups.TERMS, dimension, seeds, workers);
    List<SharedVsSingle.Run> runs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String pair : MalsarNewsgroups.PAIRS) {
      // A pair is one multi-task problem: its two tasks share a model, the other pair's do not.
      Map<String, Dataset[]> splits = new LinkedHashMap<>();
      for (MalsarNewsgroups.Task t : MalsarNewsgroups.read(dataDir, pair)) splits.put(t.name(), split(t, dataSeed));
      names.addAll(splits.keySet());
      runs = concat(runs, new SharedVsSingle(inputs, splits, this::config).runAll(seeds, workers));
    }
    String table = SharedVsSingle.table(runs, names, "task");
    System.out.println();
    System.out.print(table);
    SharedVsSingle.write(out, runs, names, table);
    System.out.printf(Locale.ROOT, "%nwrote %s (results.csv, table.md) in %.0f s%n", out, (System.nanoTime() - start) / 1e9);
    return 0;
  }

  /** Joins the pairs' runs of one model and seed into one run over all tasks (pairs in order). */
  private static List<SharedVsSingle.Run> concat(List<SharedVsSingle.Run> before, List<SharedVsSingle.Run> pair) {
    if (before.isEmpty()) return pair;
    List<SharedVsSingle.Run> out = new ArrayList<>();
    for (SharedVsSingle.Run a : before) {
      for (SharedVsSingle.Run b : pair) {
        if (!a.model().equals(b.model()) || a.seed() != b.seed()) continue;
        double[] acc = java.util.Arrays.copyOf(a.accuracy(), a.accuracy().length + b.accuracy().length);
        System.arraycopy(b.accuracy(), 0, acc, a.accuracy().length, b.accuracy().length);
        out.add(new SharedVsSingle.Run(a.model(), a.seed(), acc, a.seconds() + b.seconds()));
      }
    }
    return out;
  }

  /** {train, dev, test}: a seeded shuffle of the task's documents cut 60 / 20 / 20. */
  static Dataset[] split(MalsarNewsgroups.Task t, long seed) {
    int n = t.documents();
    int[] order = Permutations.shuffled(n, new SplittableRandom(seed));
    int train = n * 3 / 5, dev = n / 5;
    return new Dataset[] {dataset(t, order, 0, train), dataset(t, order, train, train + dev),
        dataset(t, order, train + dev, n)};
  }

  /** Documents {@code order[from..to)}: terms weighted by their frequency in the document (counts / total count). */
  private static Dataset dataset(MalsarNewsgroups.Task t, int[] order, int from, int to) {
    float[] weights = new float[t.counts().length];
    for (int d = 0; d < t.documents(); d++) {
      float total = 0;
      for (int k = t.offsets()[d]; k < t.offsets()[d + 1]; k++) total += t.counts()[k];
      for (int k = t.offsets()[d]; k < t.offsets()[d + 1]; k++) weights[k] = t.counts()[k] / total;
    }
    BagRows all = new BagRows(new IdRows(t.offsets(), t.terms()), weights);
    float[] y = new float[to - from];
    for (int i = from; i < to; i++) y[i - from] = t.labels()[order[i]];
    return Dataset.builder(FeatureRows.of(Map.of("terms", all.gather(order, from, to))))
        .task(t.name(), Tensor.of(y, y.length)).build();
  }

  private TrainingConfig config(long seed) {
    return TrainingConfig.builder().epochs(epochs).batchSize(batch).threads(1).seed(seed).learningRate(learningRate)
        .patience(patience).build();
  }
}
