package io.mtl4j.task.loss;

/** Binary cross-entropy on logits for each of k labels, averaged over labels and labelled rows. */
public final class MultilabelBce extends BceWithLogits {
  @Override
  public String name() {
    return "multilabel-bce";
  }
}
