package io.mtl4j.train;

import io.mtl4j.encode.FeatureRows;
import io.mtl4j.tensor.Tensor;
import java.util.Map;

/**
 * Any fitted model in a network's output form: features [B, D] (and the feature groups of a model with encoders, else
 * null) → task → outputs (probabilities; standardised targets where the labels are standardised). Lets evaluation,
 * curves and {@code predict} serve networks and classical models alike.
 */
@FunctionalInterface
public interface Predictor {
  Map<String, Tensor> predict(Tensor features, FeatureRows groups);
}
