package io.mtl4j.task.loss;

/** Mean absolute error (subgradient 0 at a perfect prediction). */
public final class Mae extends RowLoss {
  @Override
  public String name() {
    return "mae";
  }

  @Override
  double value(float z, float y) {
    return Math.abs(z - y);
  }

  @Override
  double derivative(float z, float y) {
    return Math.signum(z - y);
  }
}
