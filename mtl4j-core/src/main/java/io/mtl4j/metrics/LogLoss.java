package io.mtl4j.metrics;

/**
 * Mean negative log-likelihood of the labels: binary cross-entropy, −log p[label] for multiclass, and the mean over
 * label cells for multilabel. Probabilities are clipped to [ε, 1 − ε] with ε = 2⁻²³, float32's machine epsilon
 * (scikit-learn's choice for float32 input), so one confident mistake costs about 15.9 instead of infinity.
 */
public record LogLoss(LabelKind kind) implements Metric {
  static final double EPSILON = Math.ulp(1.0f);

  public LogLoss {
    MetricKinds.require("logloss", kind, LabelKind.BINARY, LabelKind.MULTICLASS, LabelKind.MULTILABEL);
  }

  @Override
  public String name() {
    return "logloss";
  }

  @Override
  public boolean higherIsBetter() {
    return false;
  }

  @Override
  public MetricAccumulator newAccumulator() {
    return new Accumulator(kind);
  }

  private static double minusLog(double p) {
    return -Math.log(Math.min(Math.max(p, EPSILON), 1 - EPSILON));
  }

  private static final class Accumulator implements MetricAccumulator {
    private final LabelKind kind;
    private int width = -1;
    private double sum;
    private long count;

    Accumulator(LabelKind kind) {
      this.kind = kind;
    }

    @Override
    public void add(float[] predictions, float[] labels, float[] mask, int rows, int w) {
      Rows.check("logloss", kind, predictions, labels, mask, rows, w, width);
      width = w;
      for (int r = 0; r < rows; r++) {
        if (!Rows.present(mask, r)) {
          continue;
        }
        if (kind == LabelKind.MULTICLASS) {
          sum += minusLog(predictions[r * w + Rows.classIndex("logloss", labels, r, w)]);
          count++;
        } else {
          // binary is multilabel with one column
          for (int c = 0; c < w; c++) {
            int i = r * w + c;
            double p = predictions[i];
            sum += minusLog(Rows.positive("logloss", labels, i) ? p : 1 - p);
          }
          count += w;
        }
      }
    }

    @Override
    public double value() {
      return count == 0 ? Double.NaN : sum / count;
    }
  }
}
