package io.mtl4j.cli.report;

/**
 * One task's predictions on the evaluated rows next to its labels, rows without a label left out: regression in the
 * target's own units, binary as the predicted probability of the positive class.
 */
public record Predictions(String task, Kind kind, float[] predicted, float[] actual) {
  /** The task kinds the report has test plots for. */
  public enum Kind { BINARY, REGRESSION }

  public Predictions {
    if (predicted.length != actual.length) {
      throw new IllegalArgumentException("task '" + task + "': " + predicted.length + " predictions, " + actual.length
          + " labels");
    }
  }

  /** The rows of {@code predicted}/{@code actual} whose {@code mask} is not 0. */
  public static Predictions of(String task, Kind kind, float[] predicted, float[] actual, float[] mask) {
    int n = 0;
    for (float m : mask) n += m != 0f ? 1 : 0;
    float[] p = new float[n];
    float[] y = new float[n];
    for (int i = 0, k = 0; i < mask.length; i++) {
      if (mask[i] == 0f) continue;
      p[k] = predicted[i];
      y[k++] = actual[i];
    }
    return new Predictions(task, kind, p, y);
  }

  public int rows() {
    return predicted.length;
  }
}
