package io.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {
  private static final List<String> TRAINING = List.of("b", "a", "b", "c", "a", "b", "d");

  @Test
  void keepsValuesSeenMinCountTimesMostFrequentFirst() {
    Vocabulary v = Vocabulary.fit(TRAINING, 2, 0);
    assertThat(v.values()).containsExactly("b", "a");
    assertThat(v.row("b")).isZero();
    assertThat(v.row("a")).isEqualTo(1);
    assertThat(v.row("c")).isEqualTo(Vocabulary.UNKNOWN);
  }

  @Test
  void hashesOtherValuesIntoBucketsAfterTheKeptOnes() {
    Vocabulary v = Vocabulary.fit(TRAINING, 2, 4);
    assertThat(v.size()).isEqualTo(6);
    for (String unseen : List.of("c", "d", "never seen", "")) {
      assertThat(v.row(unseen)).isBetween(2, 5).isEqualTo(v.row(unseen));
    }
    assertThat(List.of("x1", "x2", "x3", "x4", "x5", "x6").stream().map(v::row).distinct().count())
        .as("six values spread over more than one of four buckets").isGreaterThan(1);
  }

  @Test
  void doesNotDependOnTrainingOrder() {
    assertThat(Vocabulary.fit(reversed(), 1, 0).values()).isEqualTo(Vocabulary.fit(TRAINING, 1, 0).values());
  }

  @Test
  void rejectsAVocabularyWithNoRows() {
    assertThatThrownBy(() -> Vocabulary.fit(List.of("a"), 2, 0)).hasMessageContaining("no value would have a row");
  }

  private static List<String> reversed() {
    List<String> out = new java.util.ArrayList<>(TRAINING);
    java.util.Collections.reverse(out);
    return out;
  }
}
