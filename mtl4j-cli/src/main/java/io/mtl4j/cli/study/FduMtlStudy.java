package io.mtl4j.cli.study;

import io.mtl4j.arch.AdversarialSharedPrivate;
import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.cli.run.PretrainedTables;
import io.mtl4j.data.Dataset;
import io.mtl4j.nn.Activation;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.encode.TokenEncoder;
import io.mtl4j.data.read.FduMtl;
import io.mtl4j.encode.text.SkipGram;
import io.mtl4j.encode.text.TokenRows;
import io.mtl4j.encode.text.Tokenizer;
import io.mtl4j.encode.text.Vocabulary;
import io.mtl4j.tensor.Tensor;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
  @Mixin FduRunOptions run;
  @Option(names = "--pooling", defaultValue = "mean", description = "mean, max or conv") String pooling;
  @Option(names = "--conv-width", defaultValue = "3") int convWidth;
  @Option(names = "--conv-channels", defaultValue = "100") int convChannels;
  @Option(names = "--architectures", split = ",", defaultValue = "shared-bottom",
      description = "the multi-task models' shared parts: shared-bottom, adversarial-shared-private") List<String> architectures;
  @Option(names = "--adversarial", defaultValue = "0.05", description = "adversarial-shared-private: λ") double adversarial;
  @Option(names = "--orthogonality", defaultValue = "0.01", description = "adversarial-shared-private: γ") double orthogonality;
  @Option(names = "--conflict", description = "also train each multi-task model with a 17th task: this domain's "
      + "texts with conflicting labels (scored on the 16 real ones only)") String conflict;
  @Option(names = "--conflict-labels", defaultValue = "flipped", description = "flipped (every label inverted), "
      + "shuffled (the labels permuted at random), lexicon (each text labelled by a fixed random polarity of its "
      + "frequent words: a second, sentiment-free function of the same texts) or half-flipped (the sign of the "
      + "text's sentiment words with a seeded half of them reversed: the same words as sentiment, half opposed)")
  String conflictLabels;
  @Option(names = "--conflict-weight", defaultValue = "1", description = "the planted task's weight in the loss "
      + "(each real task has 1: 16 gives it the pull of all of them together)") double conflictWeight;
  @Option(names = "--conflict-words", defaultValue = "500", description = "half-flipped: the words whose training "
      + "labels lean most to one side that get a polarity") int conflictWords;
  @Option(names = "--conflict-seed", defaultValue = "17", description = "draws the shuffle or the flipped half")
  long conflictSeed;
  @Option(names = "--shared-width", description = "a shared layer of this many units after the encoder in both "
      + "multi-task models (default: shared-bottom has none, adversarial-shared-private 64)") Integer sharedWidth;
  @Option(names = "--single-task", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "also train one model per domain (--no-single-task: compare the multi-task models only)")
  boolean singleTask;
  @Option(names = "--pretrain", defaultValue = "none", description = "none, or skipgram: word vectors pre-trained with "
      + "skip-gram negative sampling on the domains' training and unlabelled texts start every model's table")
  String pretrain;
  @Option(names = "--pretrain-epochs", defaultValue = "5", description = "skip-gram passes over the corpus") int pretrainEpochs;

  @Override
  public Integer call() throws Exception {
    TokenEncoder.Pooling p = TokenEncoder.Pooling.valueOf(pooling.toUpperCase(Locale.ROOT));
    int workers = run.workers();
    long start = System.nanoTime();
    checkConflict();
    if (!pretrain.equals("none") && !pretrain.equals("skipgram")) {
      throw new IllegalArgumentException("--pretrain: '" + pretrain + "', expected none or skipgram");
    }
    List<FduMtl.Domain> domains = FduMtl.readAll(run.dataDir, pretrain.equals("skipgram"));
    Tokenizer tokenizer = Tokenizer.words();
    Vocabulary vocabulary = vocabulary(domains, tokenizer, run.minCount);
    InputSpec inputs = new InputSpec(List.of(p == TokenEncoder.Pooling.CONV
        ? new TokenEncoder.Spec("text", vocabulary.size(), run.dimension, p, convWidth, convChannels, false)
        : new TokenEncoder.Spec("text", vocabulary.size(), run.dimension, p, 0, 0, false)));
    Map<String, Dataset[]> splits = new LinkedHashMap<>();
    for (FduMtl.Domain d : domains) {
      splits.put(d.name(), new Dataset[] {dataset(d.name(), d.train(), tokenizer, vocabulary),
          dataset(d.name(), d.dev(), tokenizer, vocabulary), dataset(d.name(), d.test(), tokenizer, vocabulary)});
    }
    Files.createDirectories(run.out);
    System.out.printf(Locale.ROOT, "fdu-mtl: 16 domains, vocabulary %d rows, %s pooling, dimension %d, %d seeds, "
        + "%d concurrent runs%n", vocabulary.size(), pooling, run.dimension, run.seeds, workers);
    Map<String, Dataset[]> extra = conflict == null ? Map.of()
        : Map.of(conflict + "-" + conflictLabels, PlantedConflict.conflicting(conflict, conflictLabels, splits,
            conflictSeed, conflictWords));
    List<SharedVsSingle.Variant> variants = variants();
    Consumer<MultiTaskModel> initial = pretrain.equals("none") ? model -> { }
        : pretrained(skipGram(domains, tokenizer, vocabulary));
    List<SharedVsSingle.Run> runs = new SharedVsSingle(inputs, splits, extra, variants, run::config, initial)
        .runAll(run.seeds, workers, singleTask);
    SharedVsSingle.report(run.out, runs, FduMtl.DOMAINS, "domain", start);
    if (conflict != null) ConflictSummary.report(run.out, runs);
    return 0;
  }

  /** The conflict options' values, before any data are read. */
  void checkConflict() {
    if (!PlantedConflict.KINDS.contains(conflictLabels)) {
      throw new IllegalArgumentException("--conflict-labels: '" + conflictLabels + "', expected one of "
          + String.join(", ", PlantedConflict.KINDS));
    }
    if (conflictWords < 2) throw new IllegalArgumentException("--conflict-words = " + conflictWords + ", expected ≥ 2");
    if (!(conflictWeight >= 0 && Double.isFinite(conflictWeight))) {
      throw new IllegalArgumentException("--conflict-weight = " + conflictWeight + ", expected a finite value ≥ 0");
    }
  }

  /** The words of every domain's training texts seen at least {@code minCount} times. */
  static Vocabulary vocabulary(List<FduMtl.Domain> domains, Tokenizer tokenizer, int minCount) {
    List<List<String>> trainDocs = new ArrayList<>();
    for (FduMtl.Domain d : domains) for (String t : d.train().texts()) trainDocs.add(tokenizer.tokens(t));
    return Vocabulary.fit(trainDocs, new Vocabulary.Options(minCount, Integer.MAX_VALUE));
  }

  private static Dataset dataset(String task, FduMtl.Labelled split, Tokenizer tokenizer, Vocabulary vocabulary) {
    return Dataset.builder(FeatureRows.of(Map.of("text", TokenRows.of(split.texts(), tokenizer, vocabulary))))
        .task(task, labels(split)).build();
  }

  /** The split's 0/1 sentiment labels as floats. */
  static Tensor labels(FduMtl.Labelled split) {
    float[] y = new float[split.size()];
    for (int i = 0; i < y.length; i++) y[i] = split.labels()[i];
    return Tensor.of(y, y.length);
  }

  /** Skip-gram vectors of the vocabulary's words, trained on every domain's training and unlabelled texts. */
  private Tensor skipGram(List<FduMtl.Domain> domains, Tokenizer tokenizer, Vocabulary vocabulary) {
    long start = System.nanoTime();
    List<int[]> sentences = new ArrayList<>();
    for (FduMtl.Domain d : domains) {
      for (String t : d.train().texts()) sentences.add(vocabulary.ids(tokenizer.tokens(t)));
      for (String t : d.unlabelled()) sentences.add(vocabulary.ids(tokenizer.tokens(t)));
    }
    Tensor table = SkipGram.train(sentences, vocabulary, new SkipGram.Options(run.dimension, 5, 5, pretrainEpochs, 0.025,
        1e-3), 1);
    System.out.printf(Locale.ROOT, "skip-gram: %d texts, %d epochs, dimension %d [%.0f s]%n", sentences.size(),
        pretrainEpochs, run.dimension, (System.nanoTime() - start) / 1e9);
    return table;
  }

  /** Copies {@code table} into the text encoder's embedding table of every model built. */
  static Consumer<MultiTaskModel> pretrained(Tensor table) {
    return model -> PretrainedTables.load(model.parameters(), "encoder.text.table", table);
  }

  /** Each named architecture; with {@code --conflict}, each also trained with the planted task at its weight. */
  List<SharedVsSingle.Variant> variants() {
    List<SharedVsSingle.Variant> out = new ArrayList<>();
    for (String name : architectures) {
      int[] shared = sharedWidth == null ? null : new int[] {sharedWidth};
      Architecture.Factory a = switch (name) {
        case "shared-bottom" -> shared == null ? new SharedBottom.Options() : new SharedBottom.Options(shared);
        case "adversarial-shared-private" -> new AdversarialSharedPrivate.Options(shared == null ? new int[] {64} : shared,
            new int[] {64}, Activation.RELU, 0, adversarial, orthogonality);
        default -> throw new IllegalArgumentException("--architectures: '" + name
            + "', expected shared-bottom or adversarial-shared-private");
      };
      out.add(new SharedVsSingle.Variant(name, a, false));
      if (conflict != null) {
        out.add(new SharedVsSingle.Variant(name + "+" + conflict + "-" + conflictLabels, a, true, conflictWeight));
      }
    }
    return out;
  }
}
