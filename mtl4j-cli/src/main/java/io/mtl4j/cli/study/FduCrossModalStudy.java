package io.mtl4j.cli.study;

import io.mtl4j.arch.SharedBottom;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.read.FduMtl;
import io.mtl4j.encode.CategoricalEncoder;
import io.mtl4j.encode.CategoricalRows;
import io.mtl4j.encode.DenseEncoder;
import io.mtl4j.encode.DenseRows;
import io.mtl4j.encode.EncoderSpec;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.encode.GroupRows;
import io.mtl4j.encode.IdRows;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.encode.TokenEncoder;
import io.mtl4j.encode.text.TokenRows;
import io.mtl4j.encode.text.Tokenizer;
import io.mtl4j.encode.text.Vocabulary;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A cross-modal multi-task model on FDU-MTL: each review's text (word embeddings, mean-pooled) and tabular fields
 * about it (its domain, and the {@link ReviewShape} counts) through separate encoders, concatenated into one shared
 * layer, with a sentiment head per domain; against the same model on the text alone and on the tabular fields alone,
 * paired by seed. The domain enters the shared layer, so the shared features can depend on it (a head alone can only
 * reweight features every domain shares).
 */
@Command(name = "fdu-crossmodal", mixinStandardHelpOptions = true,
    description = "Text + tabular groups in one model vs text only vs tabular only, on FDU-MTL's 16 sentiment tasks.")
public final class FduCrossModalStudy implements Callable<Integer> {
  /** The models compared, first the baseline of the gains, each with its feature groups. */
  static final Map<String, List<String>> MODELS = models();

  @Mixin FduRunOptions run;
  @Option(names = "--domain-dimension", defaultValue = "8", description = "domain-embedding size") int domainDimension;
  @Option(names = "--hidden", defaultValue = "64", description = "units of the shared layer the groups feed") int hidden;
  @Option(names = "--table-only", description = "train nothing; write " + ReviewTable.FILE + " to --out: the reviews "
      + "with their domain, split and tabular columns, for train --config examples/fdu-crossmodal.yaml --data-dir OUT")
  boolean tableOnly;
  @Option(names = "--unlabelled", description = "with --table-only: add each domain's unlabelled texts as rows of "
      + "domain '" + ReviewTable.UNLABELLED + "' (for an auxiliary masked-token task: examples/fdu-masked-token.yaml)")
  boolean unlabelled;
  @Option(names = "--domains", split = ",", paramLabel = "D1,D2", description = "with --table-only: these domains "
      + "only (default: all 16)")
  List<String> only;

  private static Map<String, List<String>> models() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("text", List.of("text"));
    m.put("tabular", List.of("domain", "shape"));
    m.put("text+tabular", List.of("text", "domain", "shape"));
    return m;
  }

  @Override
  public Integer call() throws Exception {
    int workers = run.workers();
    long start = System.nanoTime();
    if (!tableOnly && (unlabelled || only != null)) {
      throw new IllegalArgumentException("--unlabelled and --domains shape the table: give them with --table-only");
    }
    if (tableOnly) {
      List<FduMtl.Domain> chosen = new ArrayList<>();
      for (String d : only == null ? FduMtl.DOMAINS : only) chosen.add(FduMtl.read(run.dataDir, d, unlabelled));
      Files.createDirectories(run.out);
      ReviewTable.write(run.out.resolve(ReviewTable.FILE), chosen);
      System.out.printf(Locale.ROOT, "wrote %s%n", run.out.resolve(ReviewTable.FILE));
      return 0;
    }
    List<FduMtl.Domain> domains = FduMtl.readAll(run.dataDir, false);
    Files.createDirectories(run.out);
    Tokenizer tokenizer = Tokenizer.words();
    Vocabulary vocabulary = FduMtlStudy.vocabulary(domains, tokenizer, run.minCount);
    List<String> training = new ArrayList<>();
    for (FduMtl.Domain d : domains) training.addAll(d.train().texts());
    ReviewShape shape = ReviewShape.fit(training);
    Map<String, EncoderSpec> groups = Map.of(
        "text", new TokenEncoder.Spec("text", vocabulary.size(), run.dimension, TokenEncoder.Pooling.MEAN, 0, 0, false),
        "domain", new CategoricalEncoder.Spec("domain", List.of(new CategoricalEncoder.Field("domain",
            FduMtl.DOMAINS.size(), domainDimension)), null, false),
        "shape", new DenseEncoder.Spec("shape", ReviewShape.COLUMNS.size(), false));
    List<List<Map<String, GroupRows>>> rows = new ArrayList<>();
    for (FduMtl.Domain d : domains) rows.add(groupRows(d, tokenizer, vocabulary, shape));
    System.out.printf(Locale.ROOT, "fdu-crossmodal: 16 domains, vocabulary %d rows, dimension %d, shared layer %d, %d "
        + "seeds, %d concurrent runs%n", vocabulary.size(), run.dimension, hidden, run.seeds, workers);
    List<SharedVsSingle.Run> runs = new ArrayList<>();
    for (Map.Entry<String, List<String>> m : MODELS.entrySet()) {
      InputSpec inputs = new InputSpec(m.getValue().stream().map(groups::get).toList());
      SharedVsSingle.Variant variant = new SharedVsSingle.Variant(m.getKey(), new SharedBottom.Options(hidden), false);
      runs.addAll(new SharedVsSingle(inputs, splits(domains, rows, m.getValue()), Map.of(), List.of(variant),
          run::config).runAll(run.seeds, workers, false));
    }
    SharedVsSingle.report(run.out, runs, FduMtl.DOMAINS, "domain", start);
    return 0;
  }

  /** The domain's {train, dev, test} rows of every group: its text's word ids, its domain id and its shape. */
  static List<Map<String, GroupRows>> groupRows(FduMtl.Domain d, Tokenizer tokenizer, Vocabulary vocabulary,
                                                ReviewShape shape) {
    FduMtl.Labelled[] parts = {d.train(), d.dev(), d.test()};
    List<Map<String, GroupRows>> out = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      int[] domain = new int[parts[i].size()];
      Arrays.fill(domain, FduMtl.DOMAINS.indexOf(d.name()));
      out.add(Map.of("text", TokenRows.of(parts[i].texts(), tokenizer, vocabulary),
          "domain", new CategoricalRows(List.of(IdRows.single(domain))),
          "shape", new DenseRows(shape.features(parts[i].texts()))));
    }
    return out;
  }

  /** Per domain its {train, dev, test} datasets over {@code use}'s groups, labelled with the domain's sentiment. */
  static Map<String, Dataset[]> splits(List<FduMtl.Domain> domains, List<List<Map<String, GroupRows>>> rows,
                                       List<String> use) {
    Map<String, Dataset[]> out = new LinkedHashMap<>();
    for (int k = 0; k < domains.size(); k++) {
      FduMtl.Domain d = domains.get(k);
      FduMtl.Labelled[] parts = {d.train(), d.dev(), d.test()};
      Dataset[] sets = new Dataset[parts.length];
      for (int i = 0; i < parts.length; i++) {
        Map<String, GroupRows> chosen = new LinkedHashMap<>();
        for (String g : use) chosen.put(g, rows.get(k).get(i).get(g));
        sets[i] = Dataset.builder(FeatureRows.of(chosen)).task(d.name(), FduMtlStudy.labels(parts[i])).build();
      }
      out.put(d.name(), sets);
    }
    return out;
  }
}
