package io.mtl4j.task.loss;

/** Mean squared error. */
public final class Mse extends RowLoss {
  @Override
  public String name() {
    return "mse";
  }

  @Override
  double value(float z, float y) {
    double d = z - y;
    return d * d;
  }

  @Override
  double derivative(float z, float y) {
    return 2.0 * (z - y);
  }
}
