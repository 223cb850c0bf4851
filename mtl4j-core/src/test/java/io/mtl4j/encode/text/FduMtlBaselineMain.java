package io.mtl4j.encode.text;

import io.mtl4j.data.read.FduMtl;
import io.mtl4j.classical.ClassicalModel;
import io.mtl4j.classical.Formulations;
import io.mtl4j.classical.MultiTaskData;
import io.mtl4j.classical.TaskMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bag-of-words baseline on FDU-MTL with core's classical logistic formulations (a command, not a test): per-domain
 * L2 logistic regression ({@code ridge}), joint feature selection ({@code l21}) and one model for all domains
 * ({@code pooled}), each λ picked by mean dev accuracy, test accuracy per domain. Features: presence of the V most
 * frequent training words (vocabulary fitted on all 16 train splits), rows L2-normalised. Arguments: data folder
 * [../shared/data/fdu-mtl], V [2000].
 */
public final class FduMtlBaselineMain {
  // The logistic loss is a mean within each task (MALSAR scaling) and rows have norm 1: useful λ are small.
  private static final double[] LAMBDAS = {1e-4, 1e-3, 1e-2};

  private FduMtlBaselineMain() {}

  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/fdu-mtl");
    int words = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    long start = System.nanoTime();
    List<FduMtl.Domain> domains = FduMtl.readAll(dir, false);
    Tokenizer tokenizer = Tokenizer.words();
    List<List<String>> trainTokens = new ArrayList<>();
    for (FduMtl.Domain d : domains) for (String t : d.train().texts()) trainTokens.add(tokenizer.tokens(t));
    Vocabulary vocabulary = Vocabulary.fit(trainTokens, new Vocabulary.Options(2, words));
    MultiTaskData train = data(domains, FduMtl.Domain::train, tokenizer, vocabulary);
    MultiTaskData dev = data(domains, FduMtl.Domain::dev, tokenizer, vocabulary);
    MultiTaskData test = data(domains, FduMtl.Domain::test, tokenizer, vocabulary);
    System.out.printf("FDU-MTL bag of words: %d features, %d train rows, read in %.1f s%n", vocabulary.size() - 2,
        train.totalRows(), (System.nanoTime() - start) / 1e9);
    List<String> names = List.of("ridge", "l21", "pooled");
    double[][] testAccuracy = new double[names.size()][];
    for (int m = 0; m < names.size(); m++) {
      double bestDev = -1;
      for (double lambda : LAMBDAS) {
        long t0 = System.nanoTime();
        ClassicalModel model = Formulations.create(names.get(m), Map.of("lambda", lambda, "loss", "logistic",
            "tol", 1e-4, "max-iter", 3000)).fit(train);
        double devAccuracy = TaskMetrics.of(model, dev).averageAccuracy();
        System.out.printf("  %-6s lambda %-5s dev %.4f (%.1f s)%n", names.get(m), lambda, devAccuracy, (System.nanoTime() - t0) / 1e9);
        if (devAccuracy > bestDev) {
          bestDev = devAccuracy;
          testAccuracy[m] = TaskMetrics.of(model, test).accuracy();
        }
      }
    }
    System.out.printf("%n| domain | %s |%n|---|---|---|---|%n", String.join(" | ", names));
    double[] mean = new double[names.size()];
    for (int t = 0; t < domains.size(); t++) {
      StringBuilder row = new StringBuilder("| " + domains.get(t).name() + " |");
      for (int m = 0; m < names.size(); m++) {
        row.append(String.format(" %.1f |", 100 * testAccuracy[m][t]));
        mean[m] += testAccuracy[m][t] / domains.size();
      }
      System.out.println(row);
    }
    StringBuilder avg = new StringBuilder("| **average** |");
    for (double a : mean) avg.append(String.format(" **%.2f** |", 100 * a));
    System.out.println(avg);
    System.out.printf("total %.0f s%n", (System.nanoTime() - start) / 1e9);
  }

  private static MultiTaskData data(List<FduMtl.Domain> domains, java.util.function.Function<FduMtl.Domain, FduMtl.Labelled> split,
                                    Tokenizer tokenizer, Vocabulary vocabulary) {
    int width = vocabulary.size() - 2;
    List<double[][]> x = new ArrayList<>();
    List<double[]> y = new ArrayList<>();
    for (FduMtl.Domain d : domains) {
      FduMtl.Labelled part = split.apply(d);
      double[][] rows = new double[part.size()][width];
      double[] labels = new double[part.size()];
      for (int i = 0; i < part.size(); i++) {
        for (int id : vocabulary.ids(tokenizer.tokens(part.texts().get(i)))) if (id >= 2) rows[i][id - 2] = 1;
        double norm = 0;
        for (double v : rows[i]) norm += v * v;
        if (norm > 0) for (int j = 0; j < width; j++) rows[i][j] /= Math.sqrt(norm);
        labels[i] = part.labels()[i] == 1 ? 1 : -1;
      }
      x.add(rows);
      y.add(labels);
    }
    return MultiTaskData.of(x, y);
  }
}
