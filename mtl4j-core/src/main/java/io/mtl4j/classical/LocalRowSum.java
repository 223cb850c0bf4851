package io.mtl4j.classical;

/** A {@link RowSum} over rows held in this JVM: each task's rows in one pass, tasks in order. */
public final class LocalRowSum implements RowSum {
  private final MultiTaskData data;

  public LocalRowSum(MultiTaskData data) {
    this.data = java.util.Objects.requireNonNull(data, "data");
  }

  @Override
  public int features() {
    return data.features();
  }

  @Override
  public int tasks() {
    return data.tasks();
  }

  @Override
  public int rows(int task) {
    return data.rows(task);
  }

  @Override
  public double[] sum(RowTerm term) {
    double[] sum = new double[term.size()];
    for (int t = 0; t < data.tasks(); t++) term.add(t, data.x(t), data.y(t), data.rows(t), sum);
    return sum;
  }
}
