package io.mtl4j.weighting;

/**
 * What a weighting used for one step.
 *
 * @param lossScales multiplier of each task loss for back-propagation (see {@link Weighting}); null means ones
 * @param reported   the weights the method reports (LibMTL's return value); null when it reports none
 */
public record StepWeights(double[] lossScales, double[] reported) {

  /** Scales and reports the same weights. */
  public static StepWeights of(double[] weights) {
    return new StepWeights(weights, weights.clone());
  }
}
