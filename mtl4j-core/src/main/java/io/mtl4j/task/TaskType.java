package io.mtl4j.task;

import io.mtl4j.autodiff.Elementwise;

/** What a task predicts: decides the head's output width, the label layout and the default loss. */
public sealed interface TaskType {
  /** Width of the head's output (logits). */
  int outputWidth();

  /** Floats per row in the label tensor. */
  default int labelWidth() {
    return 1;
  }

  /** Registry name of the default loss. */
  String defaultLoss();

  /** Turns logits [rows, outputWidth] into predictions in place: probabilities or values. */
  void activate(float[] logits, int offset, int rows);

  /** Short config name: binary, multiclass, regression, multilabel, segmentation, reconstruction. */
  String kind();

  /** Checks one label value; returns a message when it is invalid, else null. */
  String checkLabel(float value);

  record Binary() implements TaskType {
    public int outputWidth() { return 1; }
    public String defaultLoss() { return "bce"; }
    public String kind() { return "binary"; }
    public void activate(float[] z, int offset, int rows) {
      for (int i = 0; i < rows; i++) z[offset + i] = Elementwise.sigmoid(z[offset + i]);
    }
    public String checkLabel(float v) {
      return v == 0f || v == 1f ? null : "binary label " + v + ", expected 0 or 1";
    }
  }

  record Multiclass(int classes) implements TaskType {
    public Multiclass {
      if (classes < 2) throw new IllegalArgumentException("Multiclass: classes = " + classes + ", expected ≥ 2");
    }
    public int outputWidth() { return classes; }
    public String defaultLoss() { return "cross-entropy"; }
    public String kind() { return "multiclass"; }
    public void activate(float[] z, int offset, int rows) {
      for (int r = 0; r < rows; r++) softmax(z, offset + r * classes, classes, 1);
    }
    public String checkLabel(float v) {
      return v >= 0 && v < classes && v == Math.rint(v) ? null
          : "class label " + v + ", expected an integer in [0, " + (classes - 1) + "]";
    }
  }

  record Regression() implements TaskType {
    public int outputWidth() { return 1; }
    public String defaultLoss() { return "mse"; }
    public String kind() { return "regression"; }
    public void activate(float[] z, int offset, int rows) {}
    public String checkLabel(float v) {
      return Float.isFinite(v) ? null : "regression target " + v + ", expected a finite number";
    }
  }

  record Multilabel(int labels) implements TaskType {
    public Multilabel {
      if (labels < 1) throw new IllegalArgumentException("Multilabel: labels = " + labels + ", expected ≥ 1");
    }
    public int outputWidth() { return labels; }
    public int labelWidth() { return labels; }
    public String defaultLoss() { return "multilabel-bce"; }
    public String kind() { return "multilabel"; }
    public void activate(float[] z, int offset, int rows) {
      for (int i = 0; i < rows * labels; i++) z[offset + i] = Elementwise.sigmoid(z[offset + i]);
    }
    public String checkLabel(float v) {
      return v == 0f || v == 1f ? null : "multilabel entry " + v + ", expected 0 or 1";
    }
  }

  /**
   * The {@code width} values of a row's own input, predicted back (an auxiliary autoencoder target, see
   * {@link Task#reconstruction}): outputs and labels [B, width], values as they are.
   */
  record Reconstruction(int width) implements TaskType {
    public Reconstruction {
      if (width < 1) throw new IllegalArgumentException("Reconstruction: width = " + width + ", expected ≥ 1");
    }
    public int outputWidth() { return width; }
    public int labelWidth() { return width; }
    public String defaultLoss() { return "mse"; }
    public String kind() { return "reconstruction"; }
    public void activate(float[] z, int offset, int rows) {}
    public String checkLabel(float v) {
      return Float.isFinite(v) ? null : "reconstruction target " + v + ", expected a finite number";
    }
  }

  /**
   * Per-pixel classes of an H×W image (semantic segmentation), K classes including the background. Logits and
   * probabilities are [B, K·H·W] channel-major (K planes of H·W); labels [B, H·W] hold class indices, or −1 for a
   * pixel without a label.
   */
  record Segmentation(int classes, int height, int width) implements TaskType {
    public Segmentation {
      if (classes < 2 || height < 1 || width < 1 || (long) classes * height * width > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("Segmentation: classes = " + classes + ", height = " + height
            + ", width = " + width + "; expected classes ≥ 2 (background included), height, width ≥ 1");
      }
    }
    public int pixels() { return height * width; }
    public int outputWidth() { return classes * pixels(); }
    public int labelWidth() { return pixels(); }
    public String defaultLoss() { return "pixel-cross-entropy"; }
    public String kind() { return "segmentation"; }
    public void activate(float[] z, int offset, int rows) {
      int p = pixels();
      for (int r = 0; r < rows; r++) {
        for (int q = 0; q < p; q++) softmax(z, offset + r * classes * p + q, classes, p);
      }
    }
    public String checkLabel(float v) {
      return v == -1f || (v >= 0 && v < classes && v == Math.rint(v)) ? null
          : "pixel label " + v + ", expected a class in [0, " + (classes - 1) + "] or -1 (no label)";
    }
  }

  /** Softmax in place over {@code count} logits {@code stride} apart (a row's classes, or one pixel's planes). */
  private static void softmax(float[] z, int first, int count, int stride) {
    float max = Float.NEGATIVE_INFINITY;
    for (int k = 0, i = first; k < count; k++, i += stride) max = Math.max(max, z[i]);
    double sum = 0;
    for (int k = 0, i = first; k < count; k++, i += stride) {
      z[i] = (float) Math.exp(z[i] - max);
      sum += z[i];
    }
    for (int k = 0, i = first; k < count; k++, i += stride) z[i] = (float) (z[i] / sum);
  }

  static TaskType binary() {
    return new Binary();
  }

  static TaskType regression() {
    return new Regression();
  }

  static TaskType multiclass(int classes) {
    return new Multiclass(classes);
  }

  static TaskType multilabel(int labels) {
    return new Multilabel(labels);
  }

  static TaskType reconstruction(int width) {
    return new Reconstruction(width);
  }

  static TaskType segmentation(int classes, int height, int width) {
    return new Segmentation(classes, height, width);
  }
}
