package io.mtl4j.encode.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SkipGramTest {
  private static final SkipGram.Options SMALL = new SkipGram.Options(16, 3, 5, 5, 0.025, 0);

  /**
   * A planted corpus: every sentence draws its words from one of two topics (6 words each), mixed with 4 filler
   * words that occur everywhere. Words of a topic share contexts; words of different topics never meet.
   */
  static List<List<String>> plantedCorpus(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String[] fillers = {"the", "a", "and", "of"};
    List<List<String>> corpus = new ArrayList<>();
    for (int s = 0; s < 600; s++) {
      String topic = s % 2 == 0 ? "sport" : "food";
      List<String> sentence = new ArrayList<>();
      for (int w = 0; w < 10; w++) {
        sentence.add(random.nextInt(3) == 0 ? fillers[random.nextInt(4)] : topic + random.nextInt(6));
      }
      corpus.add(sentence);
    }
    return corpus;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void wordsOfOneTopicEndUpCloserThanWordsOfDifferentTopics(long seed) {
    List<List<String>> corpus = plantedCorpus(seed);
    Vocabulary vocabulary = Vocabulary.fit(corpus, new Vocabulary.Options(1, 100));
    Tensor table = SkipGram.train(ids(corpus, vocabulary), vocabulary, SMALL, seed);
    double within = 0, across = 0;
    int nWithin = 0, nAcross = 0;
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 6; j++) {
        across += cosine(table, vocabulary.id("sport" + i), vocabulary.id("food" + j));
        nAcross++;
        if (i == j) continue;
        within += cosine(table, vocabulary.id("sport" + i), vocabulary.id("sport" + j))
            + cosine(table, vocabulary.id("food" + i), vocabulary.id("food" + j));
        nWithin += 2;
      }
    }
    // Before training, random 16-d rows have cosines near 0 in both groups; a margin of 0.3 needs learnt structure.
    assertThat(within / nWithin).isGreaterThan(across / nAcross + 0.3);
  }

  @Test
  void isBitReproducibleForASeed() {
    List<List<String>> corpus = plantedCorpus(4);
    Vocabulary vocabulary = Vocabulary.fit(corpus, new Vocabulary.Options(1, 100));
    SkipGram.Options subsampled = new SkipGram.Options(8, 2, 3, 2, 0.025, 1e-2);
    float[] a = SkipGram.train(ids(corpus, vocabulary), vocabulary, subsampled, 9).toArray();
    float[] b = SkipGram.train(ids(corpus, vocabulary), vocabulary, subsampled, 9).toArray();
    float[] c = SkipGram.train(ids(corpus, vocabulary), vocabulary, subsampled, 10).toArray();
    assertThat(a).containsExactly(b);
    assertThat(a).isNotEqualTo(c);
  }

  @Test
  void leavesThePaddingRowZeroAndUnseenWordsAtTheirStart() {
    Vocabulary vocabulary = Vocabulary.of(List.of("x", "y", "never"));
    List<int[]> corpus = List.of(new int[] {2, 3, 1, 2, 3, 0, 2});
    Tensor table = SkipGram.train(corpus, vocabulary, new SkipGram.Options(4, 2, 2, 3, 0.05, 0), 1);
    for (int j = 0; j < 4; j++) {
      assertThat(table.get(j)).isZero();
      assertThat(Math.abs(table.get(4 * 4 + j))).as("'never' keeps its U(±0.5/d) start").isLessThanOrEqualTo(0.125f);
    }
  }

  @Test
  void rejectsIdsOutsideTheVocabularyAndAnEmptyCorpus() {
    Vocabulary vocabulary = Vocabulary.of(List.of("x"));
    assertThatThrownBy(() -> SkipGram.train(List.<int[]>of(new int[] {2, 5}), vocabulary, SMALL, 1))
        .hasMessageContaining("id 5 outside the vocabulary's 3 rows");
    assertThatThrownBy(() -> SkipGram.train(List.<int[]>of(new int[] {1, 0}), vocabulary, SMALL, 1))
        .hasMessageContaining("no vocabulary words");
    assertThatThrownBy(() -> new SkipGram.Options(0, 5, 5, 5, 0.025, 0)).hasMessageContaining("dimension = 0");
  }

  static List<int[]> ids(List<List<String>> corpus, Vocabulary vocabulary) {
    List<int[]> out = new ArrayList<>();
    for (List<String> s : corpus) out.add(vocabulary.ids(s));
    return out;
  }

  static double cosine(Tensor table, int a, int b) {
    int d = table.dim(1);
    double dot = 0, na = 0, nb = 0;
    for (int j = 0; j < d; j++) {
      double x = table.get(a * d + j), y = table.get(b * d + j);
      dot += x * y;
      na += x * x;
      nb += y * y;
    }
    return dot / Math.sqrt(na * nb);
  }
}
