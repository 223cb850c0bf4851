package io.mtl4j.task.loss;

import io.mtl4j.autodiff.Tape;
import io.mtl4j.autodiff.Var;
import io.mtl4j.task.LabelMask;
import io.mtl4j.task.Loss;
import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/**
 * Per-pixel softmax cross-entropy for dense heads (semantic segmentation; Long et al. 2015, "Fully Convolutional
 * Networks"): logits [B, K, H, W] (or [B, K·P], channel-major), labels [B, H·W] holding each pixel's class index or
 * {@link #IGNORE} for a pixel without a label (PyTorch's {@code ignore_index}).
 *
 * <p>Each image's loss is the mean over its labelled pixels, and the batch loss the sum over labelled images divided
 * by {@link LabelMask#denominator()}: so every image weighs the same, and shards of one batch add up to the batch
 * loss, as the trainer needs. With no pixel ignored this equals PyTorch's {@code cross_entropy(reduction="mean")}.
 */
public final class PixelCrossEntropy implements Loss {
  /** The label of a pixel that does not count. */
  public static final float IGNORE = -1f;

  @Override
  public String name() {
    return "pixel-cross-entropy";
  }

  @Override
  public Var loss(Var logits, Tensor labels, LabelMask mask) {
    Tensor z = logits.value();
    int rows = z.rows(), pixels = labels.rows() == rows && rows > 0 ? labels.size() / rows : -1;
    int classes = pixels > 0 ? z.size() / (rows * pixels) : 0;
    if (pixels <= 0 || classes < 2 || z.size() != rows * classes * pixels || mask.valid().size() != rows) {
      throw new IllegalArgumentException(name() + ": logits " + Shapes.format(z.shape()) + ", labels "
          + Shapes.format(labels.shape()) + ", mask " + Shapes.format(mask.valid().shape())
          + " do not agree; expected [B, K, H, W] logits with K ≥ 2, [B, H·W] labels and a [B] mask");
    }
    Tape tape = logits.tape();
    Tensor probabilities = tape.alloc(rows, classes, pixels);
    int[] labelled = new int[rows];
    double sum = 0;
    for (int r = 0; r < rows; r++) {
      if (!mask.isValid(r)) continue;
      double row = 0;
      for (int p = 0; p < pixels; p++) {
        int y = classOf(labels.get(r * pixels + p), classes, r, p);
        if (y < 0) continue;
        labelled[r]++;
        row += softmax(z, probabilities, r * classes * pixels + p, classes, pixels, y);
      }
      if (labelled[r] > 0) sum += row / labelled[r];
    }
    double denominator = mask.denominator();
    Tensor out = tape.alloc();
    out.set(0, denominator == 0 ? 0f : (float) (sum / denominator));
    return tape.record(out, g -> {
      if (denominator == 0) return;
      Tensor dz = tape.grad(logits);
      for (int r = 0; r < rows; r++) {
        if (!mask.isValid(r) || labelled[r] == 0) continue;
        float scale = (float) (g.get(0) / denominator / labelled[r]);
        for (int p = 0; p < pixels; p++) {
          int y = (int) labels.get(r * pixels + p);
          if (y < 0) continue;
          for (int k = 0, i = r * classes * pixels + p; k < classes; k++, i += pixels) {
            dz.set(i, dz.get(i) + scale * (probabilities.get(i) - (k == y ? 1f : 0f)));
          }
        }
      }
    }, logits);
  }

  /** Writes the softmax over the K logits of one pixel (stride P apart) and returns −log p[y]. */
  private static double softmax(Tensor z, Tensor probabilities, int first, int classes, int stride, int y) {
    float max = Float.NEGATIVE_INFINITY;
    for (int k = 0; k < classes; k++) max = Math.max(max, z.get(first + k * stride));
    double norm = 0;
    for (int k = 0; k < classes; k++) norm += Math.exp(z.get(first + k * stride) - max);
    for (int k = 0; k < classes; k++) {
      int i = first + k * stride;
      probabilities.set(i, (float) (Math.exp(z.get(i) - max) / norm));
    }
    return Math.log(norm) + max - z.get(first + y * stride);
  }

  /** The class index of a pixel, or −1 for {@link #IGNORE}. */
  private int classOf(float label, int classes, int row, int pixel) {
    if (label == IGNORE) return -1;
    int y = (int) label;
    if (y != label || y < 0 || y >= classes) {
      throw new IllegalArgumentException(name() + ": label " + label + " of pixel " + pixel + " in row " + row
          + " is neither a class index in [0, " + (classes - 1) + "] nor " + IGNORE + " (ignored pixel)");
    }
    return y;
  }
}
