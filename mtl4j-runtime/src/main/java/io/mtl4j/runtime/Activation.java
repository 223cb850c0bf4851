package io.mtl4j.runtime;

import java.util.Locale;

/**
 * A hidden layer's element-wise function, applied in place with the formulas of mtl4j-core's
 * {@code autodiff.Elementwise} (the stable logistic; GELU in its tanh form), so predictions match training's.
 */
enum Activation {
  RELU, SIGMOID, TANH, GELU, IDENTITY;

  private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2 / Math.PI);

  /** The activation a model file names ({@code relu}, {@code gelu}, …); null when there is none of that name. */
  static Activation named(String name) {
    for (Activation a : values()) if (a.name().toLowerCase(Locale.ROOT).equals(name)) return a;
    return null;
  }

  /** s[from, from + n) in place. */
  void apply(float[] s, int from, int n) {
    switch (this) {
      case RELU -> {
        for (int i = from; i < from + n; i++) s[i] = Math.max(s[i], 0f);
      }
      case SIGMOID -> {
        for (int i = from; i < from + n; i++) s[i] = sigmoid(s[i]);
      }
      case TANH -> {
        for (int i = from; i < from + n; i++) s[i] = (float) Math.tanh(s[i]);
      }
      case GELU -> {
        for (int i = from; i < from + n; i++) s[i] = gelu(s[i]);
      }
      case IDENTITY -> { }
    }
  }

  static float sigmoid(float v) {
    if (v >= 0) return 1f / (1f + (float) Math.exp(-v));
    float e = (float) Math.exp(v);
    return e / (1f + e);
  }

  private static float gelu(float v) {
    return 0.5f * v * (1f + (float) Math.tanh(SQRT_2_OVER_PI * (v + 0.044715f * v * v * v)));
  }

  /** Softmax of s[from, from + n) in place: max-shifted, summed in double, as core's Softmax and TaskType. */
  static void softmax(float[] s, int from, int n) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = from; i < from + n; i++) max = Math.max(max, s[i]);
    double sum = 0;
    for (int i = from; i < from + n; i++) {
      s[i] = (float) Math.exp(s[i] - max);
      sum += s[i];
    }
    for (int i = from; i < from + n; i++) s[i] = (float) (s[i] / sum);
  }
}
