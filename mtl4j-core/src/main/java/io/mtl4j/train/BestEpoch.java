package io.mtl4j.train;

/**
 * Model selection and patience, as every trainer keeps them: the best epoch by validation score so far, a copy of its
 * weights, and the epochs since. Without validation data no epoch is chosen and the last one's weights stay.
 */
public final class BestEpoch {
  private double score;
  private int epoch;
  private int since;
  private float[] weights;

  /** Nothing chosen yet. */
  public BestEpoch() {
    this(Double.NEGATIVE_INFINITY, 0, 0, null);
  }

  /** The state a checkpoint holds (its weights are copied). */
  public BestEpoch(double score, int epoch, int since, float[] weights) {
    this.score = score;
    this.epoch = epoch;
    this.since = since;
    this.weights = weights == null ? null : weights.clone();
  }

  /**
   * Offers an ended epoch. With validation it is the best when its score is higher than every earlier one (the first
   * always is), and its parameters are copied; without, it counts for nothing.
   *
   * @return whether the epoch is now the best
   */
  public boolean offer(int epoch, boolean validated, double score, float[] parameters) {
    if (!validated) return false;
    if (score > this.score || weights == null) {
      this.score = score;
      this.epoch = epoch;
      this.since = 0;
      this.weights = parameters.clone();
      return true;
    }
    since++;
    return false;
  }

  /** True when {@code patience} (> 0) validated epochs have passed without a better one. */
  public boolean patienceSpent(int patience) {
    return patience > 0 && since >= patience;
  }

  /**
   * Puts the best epoch's weights back into {@code parameters}.
   *
   * @return the epoch the parameters now hold: the best, or the last of {@code epochs} when none was chosen
   */
  public int restore(float[] parameters, int epochs) {
    if (weights == null) return epochs - 1;
    System.arraycopy(weights, 0, parameters, 0, weights.length);
    return epoch;
  }

  public double score() {
    return score;
  }

  public int epoch() {
    return epoch;
  }

  public int since() {
    return since;
  }

  /** A copy of the best epoch's weights, or null before one is chosen. */
  public float[] weights() {
    return weights == null ? null : weights.clone();
  }
}
