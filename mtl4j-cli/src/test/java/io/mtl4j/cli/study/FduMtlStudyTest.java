package io.mtl4j.cli.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.data.Dataset;
import io.mtl4j.encode.DenseRows;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.encode.IdRows;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.encode.TokenEncoder;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The planted conflicting task of `study fdu-mtl --conflict`. */
class FduMtlStudyTest {
  @Test
  void conflictingTaskIsTheDomainsRowsWithEveryLabelFlipped() {
    Dataset[] own = new Dataset[3];
    for (int p = 0; p < 3; p++) {
      own[p] = Dataset.builder(FeatureRows.of(Map.of("text", new DenseRows(Tensor.of(new float[] {1, 2, 3}, 3, 1)))))
          .task("books", Tensor.of(new float[] {1, 0, p % 2}, 3)).build();
    }
    Dataset[] flipped = FduMtlStudy.conflicting("books", "flipped", Map.of("books", own));
    for (int p = 0; p < 3; p++) {
      assertThat(flipped[p].labels("books-flipped").toArray()).containsExactly(0, 1, 1 - p % 2);
      assertThat(flipped[p].groups()).isSameAs(own[p].groups());
    }
  }

  @Test
  void conflictMustNameADomain() {
    assertThatThrownBy(() -> FduMtlStudy.conflicting("cars", "flipped", Map.of())).hasMessageContaining("--conflict: 'cars'");
    assertThatThrownBy(() -> FduMtlStudy.conflicting("books", "inverted", Map.of("books", new Dataset[0])))
        .hasMessageContaining("expected flipped, shuffled or lexicon");
  }

  @Test
  void shuffledConflictPermutesTheLabelsKeepingTheirCounts() {
    float[] labels = new float[40];
    for (int r = 0; r < 40; r++) labels[r] = r < 10 ? 1 : 0;
    Dataset d = Dataset.builder(FeatureRows.of(Map.of("text", new DenseRows(Tensor.zeros(40, 1)))))
        .task("books", Tensor.of(labels, 40)).build();
    float[] shuffled = FduMtlStudy.conflicting("books", "shuffled", Map.of("books", new Dataset[] {d}))[0]
        .labels("books-shuffled").toArray();
    float sum = 0;
    for (float v : shuffled) sum += v;
    assertThat(sum).isEqualTo(10f);
    assertThat(shuffled).isNotEqualTo(labels);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void lexiconConflictLabelsTheTextsByTheirWordsAloneHalfOfThemPositive(long seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    int rows = 200;
    int[] offsets = new int[rows + 1];
    int[] ids = new int[rows * 20];
    for (int r = 0; r < rows; r++) offsets[r + 1] = offsets[r] + 20;
    for (int i = 0; i < ids.length; i++) ids[i] = 2 + random.nextInt(FduMtlStudy.LEXICON_WORDS);
    IdRows text = new IdRows(offsets, ids);
    float[] sentiment = new float[rows];
    for (int r = 0; r < rows; r++) sentiment[r] = random.nextInt(2);
    float[] inverted = sentiment.clone();
    for (int r = 0; r < rows; r++) inverted[r] = 1 - inverted[r];
    float[] labels = lexiconLabels(text, sentiment), again = lexiconLabels(text, inverted);
    assertThat(again).containsExactly(labels);
    float positive = 0;
    for (float v : labels) positive += v;
    // Above the training median: at most half, and short of it only by ties at the median (20-word means tie often).
    assertThat(positive).isBetween(0.4f * rows, 0.5f * rows);
  }

  @Test
  void lexiconGivesThePolarityPlusOrMinusOneToTheMostFrequentWordsOnly() {
    int positive = 0;
    for (int id = 2; id < 2 + FduMtlStudy.LEXICON_WORDS; id++) {
      assertThat(FduMtlStudy.polarity(id)).isIn(-1, 1);
      if (FduMtlStudy.polarity(id) == 1) positive++;
    }
    assertThat(positive).isBetween(450, 550);
    for (int id : new int[] {0, 1, 2 + FduMtlStudy.LEXICON_WORDS, 5000}) assertThat(FduMtlStudy.polarity(id)).isZero();
  }

  private static float[] lexiconLabels(IdRows text, float[] sentiment) {
    Dataset d = Dataset.builder(FeatureRows.of(Map.of("text", text))).task("books", Tensor.of(sentiment, sentiment.length))
        .build();
    return FduMtlStudy.conflicting("books", "lexicon", Map.of("books", new Dataset[] {d}))[0].labels("books-lexicon")
        .toArray();
  }

  @Test
  void sharedWidthPutsOneSharedLayerOfThatSizeInBothModels() {
    FduMtlStudy study = new FduMtlStudy();
    new picocli.CommandLine(study).parseArgs("--data-dir", "d", "--out", "o", "--architectures",
        "shared-bottom,adversarial-shared-private", "--conflict", "books", "--conflict-labels", "lexicon",
        "--shared-width", "4");
    List<SharedVsSingle.Variant> v = study.variants();
    assertThat(v).extracting(SharedVsSingle.Variant::name).containsExactly("shared-bottom",
        "shared-bottom+books-lexicon", "adversarial-shared-private", "adversarial-shared-private+books-lexicon");
    assertThat(((SharedBottom.Options) v.get(0).architecture()).hidden()).containsExactly(4);
    var asp = (io.mtl4j.arch.AdversarialSharedPrivate.Options) v.get(2).architecture();
    assertThat(asp.hidden()).containsExactly(4);
    assertThat(asp.privateHidden()).containsExactly(64);
    FduMtlStudy plain = new FduMtlStudy();
    new picocli.CommandLine(plain).parseArgs("--data-dir", "d", "--out", "o");
    assertThat(((SharedBottom.Options) plain.variants().get(0).architecture()).hidden()).isEmpty();
  }

  @Test
  void pretrainedVectorsStartTheTextTableOfEveryModel() {
    InputSpec inputs = new InputSpec(List.of(new TokenEncoder.Spec("text", 5, 3, TokenEncoder.Pooling.MEAN, 0, 0, false)));
    MultiTaskModel model = MultiTaskModel.create(ModelSpec.of(inputs, List.of(Task.of("books", TaskType.binary())),
        new SharedBottom.Options(4), null), 1);
    float[] vectors = new float[15];
    for (int i = 0; i < 15; i++) vectors[i] = i / 10f;
    FduMtlStudy.pretrained(Tensor.of(vectors, 5, 3)).accept(model);
    var table = model.parameters().get("encoder.text.table");
    assertThat(Arrays.copyOfRange(model.parameters().values(), table.offset(), table.offset() + table.size()))
        .containsExactly(vectors);
  }
}
