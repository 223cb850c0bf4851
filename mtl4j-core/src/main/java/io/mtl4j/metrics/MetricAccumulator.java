package io.mtl4j.metrics;

/** Running state of one {@link Metric}: add batches, read the value at any time. Not thread-safe. */
public interface MetricAccumulator {

  /**
   * Adds a batch.
   *
   * @param predictions [rows, width] row-major, laid out as {@link LabelKind} says
   * @param labels      [rows] ([rows, width] for multilabel)
   * @param mask        [rows]: 1 where the label is present, 0 where it is missing (the row is ignored); null means
   *                    all present. Labels of masked rows are not read for validation, so they may hold anything.
   * @param rows        B, number of rows used from the front of the arrays (which may be longer)
   * @param width       columns of {@code predictions}
   * @throws IllegalArgumentException for arrays shorter than the shape, a width the kind does not allow (or that
   *                                  differs from earlier batches), or a label outside its domain
   */
  void add(float[] predictions, float[] labels, float[] mask, int rows, int width);

  /** The metric over everything added so far, accumulated in double; NaN when no valid row has been added. */
  double value();
}
