package io.mtl4j.task.loss;

import io.mtl4j.autodiff.Tape;
import io.mtl4j.autodiff.Var;
import io.mtl4j.task.LabelMask;
import io.mtl4j.task.Loss;
import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/** Softmax cross-entropy with class-index labels: −log softmax(z)[y], fused so the gradient is softmax − onehot. */
public final class SoftmaxCrossEntropy implements Loss {
  @Override
  public String name() {
    return "cross-entropy";
  }

  @Override
  public Var loss(Var logits, Tensor labels, LabelMask mask) {
    Tensor z = logits.value();
    int rows = z.rows(), k = z.cols();
    if (labels.size() != rows || mask.valid().size() != rows) {
      throw new IllegalArgumentException(name() + ": logits " + Shapes.format(z.shape()) + ", labels "
          + Shapes.format(labels.shape()) + ", mask " + Shapes.format(mask.valid().shape()) + " do not agree");
    }
    Tape tape = logits.tape();
    Tensor probabilities = tape.alloc(rows, k);
    double sum = 0;
    for (int r = 0; r < rows; r++) {
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) max = Math.max(max, z.get(r * k + j));
      double norm = 0;
      for (int j = 0; j < k; j++) norm += Math.exp(z.get(r * k + j) - max);
      for (int j = 0; j < k; j++) probabilities.set(r * k + j, (float) (Math.exp(z.get(r * k + j) - max) / norm));
      if (mask.isValid(r)) {
        int y = classOf(labels.get(r), k, r);
        sum += Math.log(norm) + max - z.get(r * k + y);
      }
    }
    double denominator = mask.denominator();
    Tensor out = tape.alloc();
    out.set(0, denominator == 0 ? 0f : (float) (sum / denominator));
    return tape.record(out, g -> {
      if (denominator == 0) return;
      Tensor dz = tape.grad(logits);
      float scale = (float) (g.get(0) / denominator);
      for (int r = 0; r < rows; r++) {
        if (!mask.isValid(r)) continue;
        int y = (int) labels.get(r);
        for (int j = 0; j < k; j++) {
          float p = probabilities.get(r * k + j) - (j == y ? 1f : 0f);
          dz.set(r * k + j, dz.get(r * k + j) + scale * p);
        }
      }
    }, logits);
  }

  private int classOf(float label, int k, int row) {
    int y = (int) label;
    if (y != label || y < 0 || y >= k) {
      throw new IllegalArgumentException(name() + ": label " + label + " in row " + row + " is not a class index in [0, " + (k - 1) + "]");
    }
    return y;
  }
}
