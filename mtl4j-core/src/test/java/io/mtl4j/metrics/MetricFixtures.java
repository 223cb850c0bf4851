package io.mtl4j.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small helpers shared by the metric tests. */
final class MetricFixtures {
  private MetricFixtures() {}

  static double value(String metric, LabelKind kind, float[] predictions, float[] labels, float[] mask, int width) {
    MetricAccumulator a = Metrics.byName(metric, kind).newAccumulator();
    a.add(predictions, labels, mask, predictions.length / width, width);
    return a.value();
  }

  static double value(String metric, LabelKind kind, float[] predictions, float[] labels, int width) {
    return value(metric, kind, predictions, labels, null, width);
  }

  /** A random batch: predictions [rows, width], labels, and a mask with about 20 % of rows missing. */
  record Batch(float[] predictions, float[] labels, float[] mask, int rows, int width) {}

  static int widthOf(LabelKind kind) {
    return switch (kind) {
      case BINARY, REGRESSION -> 1;
      case MULTICLASS -> 4;
      case MULTILABEL -> 3;
    };
  }

  /** Predictions are rounded to tenths half of the time so that AUC sees many ties. */
  static Batch random(LabelKind kind, int rows, SplittableRandom rng) {
    int w = widthOf(kind);
    float[] p = new float[rows * w];
    float[] y = new float[kind == LabelKind.MULTILABEL ? rows * w : rows];
    float[] mask = new float[rows];
    boolean coarse = rng.nextBoolean();
    for (int r = 0; r < rows; r++) {
      mask[r] = rng.nextDouble() < 0.2 ? 0 : 1;
      switch (kind) {
        case REGRESSION -> {
          y[r] = (float) rng.nextGaussian();
          p[r] = (float) (0.7 * y[r] + 0.5 * rng.nextGaussian());
        }
        case BINARY -> {
          y[r] = rng.nextBoolean() ? 1 : 0;
          p[r] = probability(rng, y[r], coarse);
        }
        case MULTICLASS -> {
          y[r] = rng.nextInt(w);
          double sum = 0;
          for (int c = 0; c < w; c++) {
            p[r * w + c] = (float) (rng.nextDouble() + (c == y[r] ? 0.6 : 0));
            sum += p[r * w + c];
          }
          for (int c = 0; c < w; c++) {
            p[r * w + c] /= (float) sum;
          }
        }
        case MULTILABEL -> {
          for (int c = 0; c < w; c++) {
            y[r * w + c] = rng.nextBoolean() ? 1 : 0;
            p[r * w + c] = probability(rng, y[r * w + c], coarse);
          }
        }
      }
    }
    return new Batch(p, y, mask, rows, w);
  }

  private static float probability(SplittableRandom rng, float label, boolean coarse) {
    double p = Math.min(0.999, Math.max(0.001, 0.5 + (label - 0.5) * 0.4 + 0.3 * rng.nextGaussian()));
    return (float) (coarse ? Math.round(p * 10) / 10.0 : p);
  }

  /** Every (kind, registered name) pair. */
  static List<Object[]> allMetrics() {
    List<Object[]> out = new ArrayList<>();
    for (LabelKind kind : LabelKind.values()) {
      for (String name : Metrics.names(kind)) {
        out.add(new Object[] {kind, name});
      }
    }
    return out;
  }
}
