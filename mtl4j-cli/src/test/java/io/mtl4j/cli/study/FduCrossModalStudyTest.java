package io.mtl4j.cli.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.arch.SharedBottom;
import io.mtl4j.data.read.FduMtl;
import io.mtl4j.encode.CategoricalEncoder;
import io.mtl4j.encode.CategoricalRows;
import io.mtl4j.encode.DenseEncoder;
import io.mtl4j.encode.EncoderSpec;
import io.mtl4j.encode.GroupRows;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.encode.TokenEncoder;
import io.mtl4j.encode.text.Tokenizer;
import io.mtl4j.encode.text.Vocabulary;
import io.mtl4j.train.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** `study fdu-crossmodal`: the text and tabular groups of each review, and what each model can see. */
class FduCrossModalStudyTest {
  private static final List<String> WORDS = List.of("the", "it", "a", "of", "and", "to");

  @Test
  void everyRowCarriesItsTextItsDomainAndItsShape() {
    FduMtl.Domain dvd = domain("dvd", new SplittableRandom(1));
    Vocabulary vocabulary = Vocabulary.of(WORDS);
    ReviewShape shape = ReviewShape.fit(dvd.train().texts());
    List<Map<String, GroupRows>> rows = FduCrossModalStudy.groupRows(dvd, Tokenizer.words(), vocabulary, shape);
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).keySet()).containsExactlyInAnyOrder("text", "domain", "shape");
    CategoricalRows domain = (CategoricalRows) rows.get(2).get("domain");
    assertThat(domain.rows()).isEqualTo(dvd.test().size());
    assertThat(domain.fields().get(0).row(7)).containsExactly(FduMtl.DOMAINS.indexOf("dvd"));
    assertThat(rows.get(1).get("shape").rows()).isEqualTo(dvd.dev().size());
  }

  /**
   * Sentiment planted in the review's length alone, over words that carry none: mean-pooled word embeddings cannot
   * see it, the tabular group can, and the cross-modal model, fusing both, keeps what the tabular group brings.
   */
  @Test
  void theFusedModelReadsWhatOnlyTheTabularGroupCarries() {
    SplittableRandom random = new SplittableRandom(7);
    List<FduMtl.Domain> domains = List.of(domain("books", random), domain("dvd", random));
    Vocabulary vocabulary = Vocabulary.of(WORDS);
    List<String> training = new ArrayList<>();
    for (FduMtl.Domain d : domains) training.addAll(d.train().texts());
    ReviewShape shape = ReviewShape.fit(training);
    List<List<Map<String, GroupRows>>> rows = new ArrayList<>();
    for (FduMtl.Domain d : domains) rows.add(FduCrossModalStudy.groupRows(d, Tokenizer.words(), vocabulary, shape));
    Map<String, EncoderSpec> groups = Map.of(
        "text", new TokenEncoder.Spec("text", vocabulary.size(), 4, TokenEncoder.Pooling.MEAN, 0, 0, false),
        "domain", new CategoricalEncoder.Spec("domain", List.of(new CategoricalEncoder.Field("domain",
            FduMtl.DOMAINS.size(), 2)), null, false),
        "shape", new DenseEncoder.Spec("shape", ReviewShape.COLUMNS.size(), false));
    double text = accuracy(groups, FduCrossModalStudy.MODELS.get("text"), domains, rows);
    double fused = accuracy(groups, FduCrossModalStudy.MODELS.get("text+tabular"), domains, rows);
    assertThat(text).isLessThan(0.7);
    assertThat(fused).isGreaterThan(0.9);
  }

  private static double accuracy(Map<String, EncoderSpec> groups, List<String> use, List<FduMtl.Domain> domains,
                                 List<List<Map<String, GroupRows>>> rows) {
    InputSpec inputs = new InputSpec(use.stream().map(groups::get).toList());
    SharedVsSingle.Variant v = new SharedVsSingle.Variant("m", new SharedBottom.Options(8), false);
    SharedVsSingle study = new SharedVsSingle(inputs, FduCrossModalStudy.splits(domains, rows, use), Map.of(),
        List.of(v), seed -> TrainingConfig.builder().epochs(40).batchSize(16).threads(1).seed(seed).learningRate(0.01)
            .patience(40).build());
    return SharedVsSingle.mean(study.multiTask(1, v).accuracy());
  }

  /** 300 / 100 / 200 reviews of 5–40 neutral words, positive when longer than 22 words. */
  private static FduMtl.Domain domain(String name, SplittableRandom random) {
    return new FduMtl.Domain(name, labelled(random, 300), labelled(random, 100), labelled(random, 200), List.of());
  }

  private static FduMtl.Labelled labelled(SplittableRandom random, int n) {
    List<String> texts = new ArrayList<>();
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int length = 5 + random.nextInt(36);
      StringBuilder b = new StringBuilder();
      for (int w = 0; w < length; w++) b.append(w == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
      texts.add(b.toString());
      labels[i] = length > 22 ? 1 : 0;
    }
    return new FduMtl.Labelled(texts, labels);
  }
}
