package io.mtl4j.weighting;

import java.util.Arrays;

/**
 * Parameters a weighting learns by gradient descent together with the model (UW's log-variances, IMTL's and
 * GradNorm's loss scales). {@link Weighting#combine} sets the gradient; the trainer's optimizer updates
 * {@link #values()} in place and skips the step when {@link #hasGradient()} is false (as torch skips a None grad).
 */
public final class LearnableParameters {
  /** No learnable parameters. */
  public static final LearnableParameters NONE = new LearnableParameters(new double[0]);

  private final double[] values;
  private final double[] gradients;
  private boolean hasGradient;

  /** Starts from {@code initial} (copied) with no gradient. */
  public LearnableParameters(double[] initial) {
    this.values = initial.clone();
    this.gradients = new double[initial.length];
  }

  public int size() {
    return values.length;
  }

  /** The live values; the optimizer writes into this array. */
  public double[] values() {
    return values;
  }

  /** The live gradient of the last {@link Weighting#combine}; meaningful only when {@link #hasGradient()}. */
  public double[] gradients() {
    return gradients;
  }

  public boolean hasGradient() {
    return hasGradient;
  }

  /** Replaces the values (e.g. from a checkpoint). */
  public void setValues(double[] newValues) {
    if (newValues.length != values.length) {
      throw new IllegalArgumentException(
          "learnable parameters: got " + newValues.length + " values, expected " + values.length);
    }
    System.arraycopy(newValues, 0, values, 0, values.length);
  }

  /** Sets the gradient of this step (copied). */
  void setGradient(double[] gradient) {
    System.arraycopy(gradient, 0, gradients, 0, gradients.length);
    hasGradient = true;
  }

  /** Marks this step as giving no gradient. */
  void clearGradient() {
    Arrays.fill(gradients, 0.0);
    hasGradient = false;
  }
}
