package io.mtl4j.task.loss;

/** Huber loss (Huber 1964): quadratic within ±delta, linear outside; PyTorch's HuberLoss scaling. */
public final class Huber extends RowLoss {
  private final double delta;

  public Huber(double delta) {
    if (!(delta > 0 && Double.isFinite(delta))) {
      throw new IllegalArgumentException("Huber: delta = " + delta + ", expected a finite value > 0");
    }
    this.delta = delta;
  }

  @Override
  public String name() {
    return "huber";
  }

  @Override
  double value(float z, float y) {
    double a = Math.abs(z - y);
    return a <= delta ? 0.5 * a * a : delta * (a - 0.5 * delta);
  }

  @Override
  double derivative(float z, float y) {
    double d = z - y;
    return Math.abs(d) <= delta ? d : delta * Math.signum(d);
  }
}
