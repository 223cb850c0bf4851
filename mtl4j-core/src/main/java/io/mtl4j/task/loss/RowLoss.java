package io.mtl4j.task.loss;

import io.mtl4j.autodiff.Tape;
import io.mtl4j.autodiff.Var;
import io.mtl4j.task.LabelMask;
import io.mtl4j.task.Loss;
import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/**
 * Skeleton of the element-wise losses: value and derivative per (logit, label) pair, summed over labelled rows and
 * divided by the mask's denominator (times the labels per row, so multilabel losses are means over labels).
 */
abstract class RowLoss implements Loss {
  /** Loss of one element. */
  abstract double value(float z, float y);

  /** d value / d z. */
  abstract double derivative(float z, float y);

  @Override
  public Var loss(Var logits, Tensor labels, LabelMask mask) {
    Tensor z = logits.value();
    int rows = z.rows(), width = z.cols();
    if (labels.size() != rows * width || mask.valid().size() != rows) {
      throw new IllegalArgumentException(name() + ": logits " + Shapes.format(z.shape()) + ", labels "
          + Shapes.format(labels.shape()) + ", mask " + Shapes.format(mask.valid().shape()) + " do not agree");
    }
    double denominator = mask.denominator() * width;
    double sum = 0;
    for (int r = 0; r < rows; r++) {
      if (!mask.isValid(r)) continue;
      for (int j = 0; j < width; j++) sum += value(z.get(r * width + j), labels.get(r * width + j));
    }
    Tape tape = logits.tape();
    Tensor out = tape.alloc();
    out.set(0, denominator == 0 ? 0f : (float) (sum / denominator));
    return tape.record(out, g -> {
      if (denominator == 0) return;
      Tensor dz = tape.grad(logits);
      double scale = g.get(0) / denominator;
      for (int r = 0; r < rows; r++) {
        if (!mask.isValid(r)) continue;
        for (int j = 0; j < width; j++) {
          int i = r * width + j;
          dz.set(i, dz.get(i) + (float) (scale * derivative(z.get(i), labels.get(i))));
        }
      }
    }, logits);
  }
}
