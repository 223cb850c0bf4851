package io.mtl4j.cli.study;

import io.mtl4j.arch.AdversarialSharedPrivate;
import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.cli.run.PretrainedTables;
import io.mtl4j.data.Dataset;
import io.mtl4j.nn.Activation;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.encode.IdRows;
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
  /**
   * Words by training frequency that get a polarity: frequent enough that one domain's training texts show each many
   * times, so the lexicon labels are learnable from them.
   */
  static final int LEXICON_WORDS = 1000;

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
      + "shuffled (the labels permuted at random) or lexicon (each text labelled by a seeded random polarity of its "
      + "frequent words: a second, sentiment-free function of the same texts)") String conflictLabels;
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
        : Map.of(conflict + "-" + conflictLabels, conflicting(conflict, conflictLabels, splits));
    List<SharedVsSingle.Variant> variants = variants();
    Consumer<MultiTaskModel> initial = pretrain.equals("none") ? model -> { }
        : pretrained(skipGram(domains, tokenizer, vocabulary));
    List<SharedVsSingle.Run> runs = new SharedVsSingle(inputs, splits, extra, variants, run::config, initial)
        .runAll(run.seeds, workers, singleTask);
    SharedVsSingle.report(run.out, runs, FduMtl.DOMAINS, "domain", start);
    return 0;
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

  /** Each named architecture; with {@code --conflict}, each also trained with the flipped domain. */
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
        out.add(new SharedVsSingle.Variant(name + "+" + conflict + "-" + conflictLabels, a, true));
      }
    }
    return out;
  }

  /**
   * {@code domain}'s train, dev and test rows with conflicting labels: every label inverted ({@code flipped}), the
   * labels permuted by a fixed seed ({@code shuffled}, sentiment-free noise a shared part can only memorise), or
   * {@code lexicon} labels ({@link #lexicon}).
   */
  static Dataset[] conflicting(String domain, String labels, Map<String, Dataset[]> splits) {
    Dataset[] own = splits.get(domain);
    if (own == null) throw new IllegalArgumentException("--conflict: '" + domain + "', expected one of " + FduMtl.DOMAINS);
    if (!List.of("flipped", "shuffled", "lexicon").contains(labels)) {
      throw new IllegalArgumentException("--conflict-labels: '" + labels + "', expected flipped, shuffled or lexicon");
    }
    float[][] y = labels.equals("lexicon") ? lexicon(own) : new float[own.length][];
    java.util.SplittableRandom random = new java.util.SplittableRandom(17);
    for (int i = 0; i < own.length; i++) {
      if (labels.equals("flipped")) {
        y[i] = own[i].labels(domain).toArray();
        for (int r = 0; r < y[i].length; r++) y[i][r] = 1 - y[i][r];
      } else if (labels.equals("shuffled")) {
        y[i] = own[i].labels(domain).toArray();
        for (int r = y[i].length - 1; r > 0; r--) {
          int k = random.nextInt(r + 1);
          float t = y[i][r];
          y[i][r] = y[i][k];
          y[i][k] = t;
        }
      }
    }
    Dataset[] out = new Dataset[own.length];
    for (int i = 0; i < own.length; i++) {
      out[i] = Dataset.builder(own[i].groups()).task(domain + "-" + labels, Tensor.of(y[i], y[i].length)).build();
    }
    return out;
  }

  /**
   * Labels of a second function of the same texts: each of the {@link #LEXICON_WORDS} most frequent words gets a
   * seeded random polarity ±1, and a text is 1 when its words' mean polarity exceeds the training split's median.
   * Unlike flipped labels, no head can read it off the sentiment feature with the other sign, since it is
   * independent of sentiment; unlike shuffled labels, it generalises, so it keeps pulling on the shared features
   * rather than being stopped early. It competes for the shared part's capacity.
   */
  static float[][] lexicon(Dataset[] splits) {
    float[][] score = new float[splits.length][];
    for (int i = 0; i < splits.length; i++) {
      IdRows text = (IdRows) splits[i].groups().group("text");
      score[i] = new float[text.rows()];
      for (int r = 0; r < score[i].length; r++) {
        int[] ids = text.row(r);
        double sum = 0;
        for (int id : ids) sum += polarity(id);
        score[i][r] = ids.length == 0 ? 0 : (float) (sum / ids.length);
      }
    }
    float[] sorted = score[0].clone();
    java.util.Arrays.sort(sorted);
    float median = sorted[sorted.length / 2];
    float[][] y = new float[splits.length][];
    for (int i = 0; i < splits.length; i++) {
      y[i] = new float[score[i].length];
      for (int r = 0; r < y[i].length; r++) y[i][r] = score[i][r] > median ? 1 : 0;
    }
    return y;
  }

  /** ±1 for the {@link #LEXICON_WORDS} most frequent words (the ids after {@link Vocabulary#OOV}), 0 for the rest. */
  static int polarity(int id) {
    if (id <= Vocabulary.OOV || id > Vocabulary.OOV + LEXICON_WORDS) return 0;
    long z = (id + 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
    return ((z ^ (z >>> 29)) & 1) == 0 ? 1 : -1;
  }
}
