package io.mtl4j.encode.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class VocabularyTest {
  private static final List<List<String>> DOCS = List.of(
      List.of("good", "movie", "good", "plot"),
      List.of("bad", "movie", "bad"),
      List.of("good", "rare"));

  @Test
  void keepsFrequentWordsMostFrequentFirstAfterTheReservedRows() {
    Vocabulary v = Vocabulary.fit(DOCS, new Vocabulary.Options(2, 100));
    // good ×3, then bad ×2 and movie ×2 in alphabetical order; plot and rare (×1) fall below minCount.
    assertThat(v.size()).isEqualTo(2 + 3);
    assertThat(v.ids(List.of("good", "bad", "movie", "plot", "unseen"))).containsExactly(2, 3, 4, 1, 1);
    assertThat(v.word(2)).isEqualTo("good");
    assertThat(v.word(Vocabulary.PADDING)).isNull();
  }

  @Test
  void maxSizeKeepsOnlyTheMostFrequentWords() {
    Vocabulary v = Vocabulary.fit(DOCS, new Vocabulary.Options(1, 2));
    assertThat(v.size()).isEqualTo(4);
    assertThat(v.ids(List.of("good", "bad", "movie"))).containsExactly(2, 3, Vocabulary.OOV);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void fitDoesNotDependOnDocumentOrder(long seed) {
    List<List<String>> shuffled = new java.util.ArrayList<>(DOCS);
    java.util.Collections.shuffle(shuffled, new java.util.Random(seed));
    assertThat(Vocabulary.fit(shuffled, new Vocabulary.Options(1, 100))).isEqualTo(Vocabulary.fit(DOCS, new Vocabulary.Options(1, 100)));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 1 << 18})
  void hashingSpreadsTokensOverTheBucketsAfterThePaddingRow(int buckets) {
    Vocabulary v = Vocabulary.hashing(buckets);
    assertThat(v.size()).isEqualTo(buckets + 1);
    SplittableRandom random = new SplittableRandom(buckets);
    Map<Integer, Integer> hits = new HashMap<>();
    for (int i = 0; i < 2000; i++) {
      int id = v.id("w" + random.nextInt());
      assertThat(id).isBetween(1, buckets);
      hits.merge(id, 1, Integer::sum);
    }
    // 2000 random words into min(B, 2000)-ish buckets: a working hash fills most of the small tables.
    assertThat(hits.size()).isGreaterThanOrEqualTo(Math.min(buckets, 1500));
  }

  @Test
  void hashedRowsAreStableAcrossReleases() {
    // Pinned: a model file saved with a hashed vocabulary must look up the same rows forever.
    Vocabulary v = Vocabulary.hashing(1000);
    assertThat(v.id("good")).isEqualTo(1 + Math.floorMod(Murmur3.hash32("good", 0), 1000));
    assertThat(v.ids(List.of("good", "movie"))).containsExactly(v.id("good"), v.id("movie"));
  }

  @Test
  void roundTripsThroughItsPlainDataForm() {
    for (Vocabulary v : List.of(Vocabulary.fit(DOCS, new Vocabulary.Options(1, 100)), Vocabulary.hashing(32))) {
      Vocabulary back = Vocabulary.fromMap("inputs.review.vocabulary", v.toMap());
      assertThat(back).isEqualTo(v);
      assertThat(back.ids(List.of("good", "plot", "zzz"))).containsExactly(v.ids(List.of("good", "plot", "zzz")));
    }
  }

  @Test
  void rejectsBadPlainDataNamingTheKey() {
    String at = "model.inputs.review.vocabulary";
    assertThatThrownBy(() -> Vocabulary.fromMap(at, Map.of("formatVersion", 1, "kind", "fitted", "words", List.of("a", 3))))
        .hasMessageContaining(at + ".words[1]");
    assertThatThrownBy(() -> Vocabulary.fromMap(at, Map.of("formatVersion", 1, "kind", "fitted", "words", List.of("a", "a"))))
        .hasMessageContaining("'a' listed twice");
    assertThatThrownBy(() -> Vocabulary.fromMap(at, Map.of("formatVersion", 1, "kind", "bag")))
        .hasMessageContaining(at + ".kind = 'bag'");
    assertThatThrownBy(() -> Vocabulary.fromMap(at, Map.of("formatVersion", 2, "kind", "hashed", "buckets", 4)))
        .hasMessageContaining(at + ".formatVersion = 2");
    assertThatThrownBy(() -> Vocabulary.fromMap(at, Map.of("formatVersion", 1, "kind", "hashed", "buckets", 0)))
        .hasMessageContaining("buckets = 0");
  }

  @Test
  void rejectsBadOptions() {
    assertThatThrownBy(() -> new Vocabulary.Options(0, 10)).hasMessageContaining("minCount = 0");
    assertThatThrownBy(() -> new Vocabulary.Options(1, 0)).hasMessageContaining("maxSize = 0");
  }
}
