package io.mtl4j.metrics;

/**
 * Coefficient of determination R² = 1 − SS_res / SS_tot for regression. The label variance is streamed with Chan,
 * Golub &amp; LeVeque's pairwise update (1979), so batches need no second pass. Constant labels give 1 for a
 * perfect fit and 0 otherwise (scikit-learn's force_finite).
 */
public record R2() implements Metric {

  @Override
  public String name() {
    return "r2";
  }

  @Override
  public LabelKind kind() {
    return LabelKind.REGRESSION;
  }

  @Override
  public boolean higherIsBetter() {
    return true;
  }

  @Override
  public MetricAccumulator newAccumulator() {
    return new Accumulator();
  }

  private static final class Accumulator implements MetricAccumulator {
    private long count;
    private double mean; // of the labels
    private double sumSquaredDeviations; // Σ (y − mean)², SS_tot
    private double sumSquaredResiduals; // Σ (y − ŷ)², SS_res

    @Override
    public void add(float[] predictions, float[] labels, float[] mask, int rows, int width) {
      Rows.check("r2", LabelKind.REGRESSION, predictions, labels, mask, rows, width, -1);
      long n = 0;
      double sum = 0;
      for (int r = 0; r < rows; r++) {
        if (Rows.present(mask, r)) {
          n++;
          sum += labels[r];
          double e = (double) labels[r] - predictions[r];
          sumSquaredResiduals += e * e;
        }
      }
      if (n == 0) {
        return;
      }
      double batchMean = sum / n;
      double batchDeviations = 0;
      for (int r = 0; r < rows; r++) {
        if (Rows.present(mask, r)) {
          double d = labels[r] - batchMean;
          batchDeviations += d * d;
        }
      }
      long total = count + n;
      double delta = batchMean - mean;
      mean += delta * n / total;
      sumSquaredDeviations += batchDeviations + delta * delta * ((double) count * n / total);
      count = total;
    }

    @Override
    public double value() {
      if (count == 0 || Double.isNaN(sumSquaredResiduals)) {
        return Double.NaN;
      }
      if (sumSquaredDeviations == 0) {
        return sumSquaredResiduals == 0 ? 1.0 : 0.0;
      }
      return 1 - sumSquaredResiduals / sumSquaredDeviations;
    }
  }
}
