package io.mtl4j.task.loss;

import io.mtl4j.autodiff.Elementwise;

/** Binary cross-entropy on logits for each of k labels, averaged over labels and labelled rows. */
public final class MultilabelBce extends RowLoss {
  @Override
  public String name() {
    return "multilabel-bce";
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
