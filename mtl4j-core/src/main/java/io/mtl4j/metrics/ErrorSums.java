package io.mtl4j.metrics;

import java.util.function.ToDoubleFunction;

/**
 * Sums of squared and absolute errors over valid cells (rows for binary and regression, label cells for multilabel),
 * shared by {@link Mse}, {@link Rmse} and {@link Mae}. Binary and multilabel labels are used as the numbers 0 and 1
 * (MSE is then the Brier score).
 */
final class ErrorSums implements MetricAccumulator {
  private final String metric;
  private final LabelKind kind;
  private final ToDoubleFunction<ErrorSums> reading;
  private int width = -1;
  private double squared;
  private double absolute;
  private long count;

  ErrorSums(String metric, LabelKind kind, ToDoubleFunction<ErrorSums> reading) {
    this.metric = metric;
    this.kind = kind;
    this.reading = reading;
  }

  @Override
  public void add(float[] predictions, float[] labels, float[] mask, int rows, int w) {
    Rows.check(metric, kind, predictions, labels, mask, rows, w, width);
    width = w;
    for (int r = 0; r < rows; r++) {
      if (!Rows.present(mask, r)) {
        continue;
      }
      for (int i = r * w; i < r * w + w; i++) {
        double e = (double) predictions[i] - labels[i];
        squared += e * e;
        absolute += Math.abs(e);
      }
      count += w;
    }
  }

  double meanSquared() {
    return count == 0 ? Double.NaN : squared / count;
  }

  double meanAbsolute() {
    return count == 0 ? Double.NaN : absolute / count;
  }

  @Override
  public double value() {
    return reading.applyAsDouble(this);
  }
}
