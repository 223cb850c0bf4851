package io.mtl4j.cli.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.data.Dataset;
import io.mtl4j.encode.DenseRows;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.encode.IdRows;
import io.mtl4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The planted conflicting task of `study fdu-mtl --conflict`: each kind of labels is the function it says. */
class PlantedConflictTest {
  /** Synthetic reviews: ids 2–41 occur in positive texts only, 42–81 in negative ones, 82–281 in both. */
  private static final int POSITIVE = 2, NEGATIVE = 42, NEUTRAL = 82, POLAR = 80;

  @Test
  void flippedConflictIsTheDomainsRowsWithEveryLabelInverted() {
    Dataset[] own = new Dataset[3];
    for (int p = 0; p < 3; p++) {
      own[p] = Dataset.builder(FeatureRows.of(Map.of("text", new DenseRows(Tensor.of(new float[] {1, 2, 3}, 3, 1)))))
          .task("books", Tensor.of(new float[] {1, 0, p % 2}, 3)).build();
    }
    Dataset[] flipped = PlantedConflict.conflicting("books", "flipped", Map.of("books", own), 17, POLAR);
    for (int p = 0; p < 3; p++) {
      assertThat(flipped[p].labels("books-flipped").toArray()).containsExactly(0, 1, 1 - p % 2);
      assertThat(flipped[p].groups()).isSameAs(own[p].groups());
    }
  }

  @Test
  void conflictMustNameADomainAndAKind() {
    assertThatThrownBy(() -> PlantedConflict.conflicting("cars", "flipped", Map.of(), 17, POLAR))
        .hasMessageContaining("--conflict: 'cars'");
    assertThatThrownBy(() -> PlantedConflict.conflicting("books", "inverted", Map.of("books", new Dataset[0]), 17, POLAR))
        .hasMessageContaining("expected one of flipped, shuffled, lexicon, half-flipped");
  }

  @Test
  void shuffledConflictPermutesTheLabelsKeepingTheirCounts() {
    float[] labels = new float[40];
    for (int r = 0; r < 40; r++) labels[r] = r < 10 ? 1 : 0;
    Dataset d = Dataset.builder(FeatureRows.of(Map.of("text", new DenseRows(Tensor.zeros(40, 1)))))
        .task("books", Tensor.of(labels, 40)).build();
    float[] shuffled = PlantedConflict.conflicting("books", "shuffled", Map.of("books", new Dataset[] {d}), 17, POLAR)[0]
        .labels("books-shuffled").toArray();
    float sum = 0;
    for (float v : shuffled) sum += v;
    assertThat(sum).isEqualTo(10f);
    assertThat(shuffled).isNotEqualTo(labels);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void lexiconConflictLabelsTheTextsByTheirWordsAloneHalfOfThemPositive(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int rows = 200;
    int[][] texts = new int[rows][20];
    for (int[] t : texts) for (int i = 0; i < t.length; i++) t[i] = 2 + random.nextInt(PlantedConflict.LEXICON_WORDS);
    float[] sentiment = new float[rows];
    for (int r = 0; r < rows; r++) sentiment[r] = random.nextInt(2);
    float[] inverted = sentiment.clone();
    for (int r = 0; r < rows; r++) inverted[r] = 1 - inverted[r];
    float[] labels = lexiconLabels(texts, sentiment), again = lexiconLabels(texts, inverted);
    assertThat(again).containsExactly(labels);
    float positive = 0;
    for (float v : labels) positive += v;
    // Above the training median: at most half, and short of it only by ties at the median (20-word means tie often).
    assertThat(positive).isBetween(0.4f * rows, 0.5f * rows);
  }

  @Test
  void lexiconGivesThePolarityPlusOrMinusOneToTheMostFrequentWordsOnly() {
    int positive = 0;
    for (int id = 2; id < 2 + PlantedConflict.LEXICON_WORDS; id++) {
      assertThat(PlantedConflict.polarity(id)).isIn(-1, 1);
      if (PlantedConflict.polarity(id) == 1) positive++;
    }
    assertThat(positive).isBetween(450, 550);
    for (int id : new int[] {0, 1, 2 + PlantedConflict.LEXICON_WORDS, 5000}) {
      assertThat(PlantedConflict.polarity(id)).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void halfFlippedKeepsTheSentimentWordsAndReversesTheSignOfExactlyHalfOfThem(long seed) {
    float[] polarity = PlantedConflict.halfFlipped(reviews(seed), POLAR, seed);
    int reversed = 0;
    for (int id = 0; id < polarity.length; id++) {
      boolean polar = id >= POSITIVE && id < NEUTRAL;
      if (!polar) {
        assertThat(polarity[id]).as("word %d", id).isZero();
        continue;
      }
      assertThat(Math.abs(polarity[id])).as("word %d", id).isEqualTo(1f);
      if (polarity[id] != (id < NEGATIVE ? 1 : -1)) reversed++;
    }
    assertThat(reversed).isEqualTo(POLAR / 2);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void halfFlippedIsDeterministicForASeedAndTheSeedPicksTheHalf(long seed) {
    Map<String, Dataset[]> reviews = reviews(seed);
    float[] polarity = PlantedConflict.halfFlipped(reviews, POLAR, seed);
    assertThat(PlantedConflict.halfFlipped(reviews(seed), POLAR, seed)).containsExactly(polarity);
    assertThat(PlantedConflict.halfFlipped(reviews, POLAR, seed + 1)).isNotEqualTo(polarity);
    float[] labels = PlantedConflict.conflicting("a", "half-flipped", reviews, seed, POLAR)[0].labels("a-half-flipped").toArray();
    assertThat(PlantedConflict.conflicting("a", "half-flipped", reviews(seed), seed, POLAR)[0].labels("a-half-flipped")
        .toArray()).containsExactly(labels);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void halfFlippedLabelsFollowSentimentOnKeptWordsAndOpposeItOnReversedOnes(long seed) {
    Map<String, Dataset[]> reviews = reviews(seed);
    float[] polarity = PlantedConflict.halfFlipped(reviews, POLAR, seed);
    List<int[]> texts = new ArrayList<>();
    List<Float> expected = new ArrayList<>();
    for (boolean positive : new boolean[] {true, false}) {
      for (boolean kept : new boolean[] {true, false}) {
        int[] words = new int[6];
        int n = 0;
        for (int id = positive ? POSITIVE : NEGATIVE; n < 3; id++) {
          if ((polarity[id] == (positive ? 1 : -1)) == kept) words[n++] = id;
        }
        for (int i = 3; i < 6; i++) words[i] = NEUTRAL + i;
        texts.add(words);
        expected.add(positive == kept ? 1f : 0f);
      }
    }
    Dataset[] a = reviews.get("a");
    reviews.put("a", new Dataset[] {a[0], a[1], reviews(texts, new float[texts.size()], "a")});
    float[] labels = PlantedConflict.conflicting("a", "half-flipped", reviews, seed, POLAR)[2].labels("a-half-flipped").toArray();
    for (int i = 0; i < labels.length; i++) assertThat(labels[i]).as("text %d", i).isEqualTo(expected.get(i));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void halfFlippedLabelsAreNeitherSentimentNorItsNegation(long seed) {
    Map<String, Dataset[]> reviews = reviews(seed);
    float[] sentiment = reviews.get("a")[0].labels("a").toArray();
    float[] labels = PlantedConflict.conflicting("a", "half-flipped", reviews, seed, POLAR)[0].labels("a-half-flipped").toArray();
    int agree = 0;
    for (int r = 0; r < labels.length; r++) if (labels[r] == sentiment[r]) agree++;
    // A head reading sentiment gets about half of them with either sign: the task needs words sentiment weighs alike.
    assertThat(agree).isBetween(labels.length * 3 / 10, labels.length * 7 / 10);
  }

  /** Domains a and b, 300 texts each: 5 words of the label's polar words, 10 neutral ones. */
  private static Map<String, Dataset[]> reviews(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, Dataset[]> out = new LinkedHashMap<>();
    for (String domain : List.of("a", "b")) {
      List<int[]> texts = new ArrayList<>();
      float[] y = new float[300];
      for (int r = 0; r < y.length; r++) {
        y[r] = random.nextInt(2);
        int[] words = new int[15];
        for (int i = 0; i < 5; i++) words[i] = (y[r] == 1 ? POSITIVE : NEGATIVE) + random.nextInt(POLAR / 2);
        for (int i = 5; i < words.length; i++) words[i] = NEUTRAL + random.nextInt(200);
        texts.add(words);
      }
      Dataset train = reviews(texts, y, domain);
      out.put(domain, new Dataset[] {train, train, train});
    }
    return out;
  }

  private static Dataset reviews(List<int[]> texts, float[] labels, String domain) {
    int[] offsets = new int[texts.size() + 1];
    for (int r = 0; r < texts.size(); r++) offsets[r + 1] = offsets[r] + texts.get(r).length;
    int[] ids = new int[offsets[texts.size()]];
    for (int r = 0; r < texts.size(); r++) System.arraycopy(texts.get(r), 0, ids, offsets[r], texts.get(r).length);
    return Dataset.builder(FeatureRows.of(Map.of("text", new IdRows(offsets, ids))))
        .task(domain, Tensor.of(labels, labels.length)).build();
  }

  private static float[] lexiconLabels(int[][] texts, float[] sentiment) {
    Dataset d = reviews(List.of(texts), sentiment, "books");
    return PlantedConflict.conflicting("books", "lexicon", Map.of("books", new Dataset[] {d}), 17, POLAR)[0]
        .labels("books-lexicon").toArray();
  }
}
