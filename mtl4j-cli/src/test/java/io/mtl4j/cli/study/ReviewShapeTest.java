package io.mtl4j.cli.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tabular fields of a review in `study fdu-crossmodal`. */
class ReviewShapeTest {
  @Test
  void countsTokensExclamationsQuestionsAndTokensWithADigit() {
    float[] f = ReviewShape.raw("it broke after 2 weeks !!! why ? 3rd one");
    assertThat(f).containsExactly((float) Math.log1p(10), (float) Math.log1p(3), (float) Math.log1p(1),
        (float) Math.log1p(2));
    assertThat(ReviewShape.raw("")).containsExactly(0, 0, 0, 0);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void standardisesEveryColumnWithTheTrainingRowsMeanAndSpread(long seed) {
    List<String> training = texts(new SplittableRandom(seed), 300);
    Tensor x = ReviewShape.fit(training).features(training);
    int k = ReviewShape.COLUMNS.size();
    for (int j = 0; j < k; j++) {
      double sum = 0, squares = 0;
      for (int r = 0; r < training.size(); r++) {
        sum += x.get(r * k + j);
        squares += x.get(r * k + j) * x.get(r * k + j);
      }
      double mean = sum / training.size();
      assertThat(mean).as("column %s", ReviewShape.COLUMNS.get(j)).isCloseTo(0, within(1e-4));
      // Float sums over 300 rows: a relative 1e-3 on the variance.
      assertThat(squares / training.size() - mean * mean).isCloseTo(1, within(1e-3));
    }
  }

  @Test
  void aColumnConstantInTrainingStaysUnscaled() {
    ReviewShape shape = ReviewShape.fit(List.of("good", "very good", "bad ok fine"));
    Tensor x = shape.features(List.of("what ? ?"));
    assertThat(x.get(ReviewShape.COLUMNS.indexOf("log_questions"))).isEqualTo((float) Math.log1p(2));
  }

  /** Texts of 1–60 words drawn from a few words, '!', '?' and numbers. */
  static List<String> texts(SplittableRandom random, int n) {
    String[] words = {"good", "bad", "the", "!", "?", "12", "it", "really"};
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder b = new StringBuilder();
      int length = 1 + random.nextInt(60);
      for (int w = 0; w < length; w++) b.append(w == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
      out.add(b.toString());
    }
    return out;
  }
}
