package io.mtl4j.data;

/**
 * A regression target's standardisation, fitted on the training rows: the model learns (y − mean) / std, so that
 * default learning rates and initialisations fit targets of any scale; predictions and metrics go back to y's units.
 *
 * @param mean the training rows' mean of y
 * @param std  their standard deviation (population); 1 when y is constant, so that a constant target stays finite
 */
public record TargetScaling(double mean, double std) {
  public TargetScaling {
    if (!Double.isFinite(mean) || !(std > 0) || !Double.isFinite(std)) {
      throw new IllegalArgumentException("TargetScaling: mean = " + mean + ", std = " + std + ", expected finite, std > 0");
    }
  }

  /** Fitted on the values a training part holds (missing ones left out). */
  static TargetScaling fit(double[] values, int count) {
    double sum = 0;
    for (int i = 0; i < count; i++) sum += values[i];
    double mean = count == 0 ? 0 : sum / count, squares = 0;
    for (int i = 0; i < count; i++) squares += (values[i] - mean) * (values[i] - mean);
    double std = count == 0 ? 0 : Math.sqrt(squares / count);
    return new TargetScaling(mean, std > 0 ? std : 1);
  }

  float standardised(float y) {
    return (float) ((y - mean) / std);
  }

  /** A value the model predicts (standardised) in y's units. */
  public float original(float z) {
    return (float) (z * std + mean);
  }

  /** {@link #original} of every element, in place. */
  public void toOriginal(float[] z) {
    for (int i = 0; i < z.length; i++) z[i] = original(z[i]);
  }
}
