package io.mtl4j.cli.study;

import io.mtl4j.tensor.Tensor;
import java.util.List;

/**
 * Tabular features of a review that a shop's database holds next to its text without reading it: its length and its
 * punctuation and number counts. Length and exclamation marks are the classic non-lexical cues of review sentiment
 * (complaints run long and explain; praise is short and exclaims); question marks flag rhetorical complaints ("what
 * were they thinking?"); numbers flag durations and prices ("broke after 2 weeks"). Each is log(1 + count), then
 * standardised with the training rows' mean and standard deviation.
 */
final class ReviewShape {
  /** The columns, in order. */
  static final List<String> COLUMNS = List.of("log_tokens", "log_exclamations", "log_questions", "log_numbers");

  private final float[] mean;
  private final float[] scale;

  private ReviewShape(float[] mean, float[] scale) {
    this.mean = mean;
    this.scale = scale;
  }

  /** The standardisation of {@code training}'s raw features; a constant column keeps scale 1. */
  static ReviewShape fit(List<String> training) {
    int k = COLUMNS.size();
    double[] sum = new double[k], squares = new double[k];
    for (String text : training) {
      float[] f = raw(text);
      for (int j = 0; j < k; j++) {
        sum[j] += f[j];
        squares[j] += (double) f[j] * f[j];
      }
    }
    float[] mean = new float[k], scale = new float[k];
    int n = Math.max(1, training.size());
    for (int j = 0; j < k; j++) {
      mean[j] = (float) (sum[j] / n);
      double sd = Math.sqrt(Math.max(0, squares[j] / n - (sum[j] / n) * (sum[j] / n)));
      scale[j] = sd > 1e-9 ? (float) (1 / sd) : 1f;
    }
    return new ReviewShape(mean, scale);
  }

  /** [texts, COLUMNS] standardised features. */
  Tensor features(List<String> texts) {
    int k = COLUMNS.size();
    float[] out = new float[texts.size() * k];
    for (int r = 0; r < texts.size(); r++) {
      float[] f = raw(texts.get(r));
      for (int j = 0; j < k; j++) out[r * k + j] = (f[j] - mean[j]) * scale[j];
    }
    return Tensor.of(out, texts.size(), k);
  }

  /** The unscaled features of one text: log(1 + count) of tokens, '!', '?' and tokens holding a digit. */
  static float[] raw(String text) {
    int tokens = 0, exclamations = 0, questions = 0, numbers = 0;
    boolean inToken = false, hasDigit = false;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ' ';
      if (Character.isWhitespace(c)) {
        if (inToken && hasDigit) numbers++;
        inToken = false;
        hasDigit = false;
        continue;
      }
      if (!inToken) tokens++;
      inToken = true;
      if (c == '!') exclamations++;
      if (c == '?') questions++;
      if (Character.isDigit(c)) hasDigit = true;
    }
    return new float[] {log1p(tokens), log1p(exclamations), log1p(questions), log1p(numbers)};
  }

  private static float log1p(int count) {
    return (float) Math.log1p(count);
  }
}
