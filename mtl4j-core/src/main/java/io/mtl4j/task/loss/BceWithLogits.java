package io.mtl4j.task.loss;

import io.mtl4j.autodiff.Elementwise;

/** Binary cross-entropy on logits, log(1+e^{-|z|}) form for stability. */
public class BceWithLogits extends RowLoss {
  @Override
  public String name() {
    return "bce";
  }

  @Override
  double value(float z, float y) {
    return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
  }

  @Override
  double derivative(float z, float y) {
    return Elementwise.sigmoid(z) - y;
  }
}
