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

  /** Short config name: binary, multiclass, regression, multilabel. */
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
      for (int r = 0; r < rows; r++) {
        int base = offset + r * classes;
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) max = Math.max(max, z[base + k]);
        double sum = 0;
        for (int k = 0; k < classes; k++) {
          z[base + k] = (float) Math.exp(z[base + k] - max);
          sum += z[base + k];
        }
        for (int k = 0; k < classes; k++) z[base + k] = (float) (z[base + k] / sum);
      }
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
}
