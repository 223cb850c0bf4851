package io.mtl4j.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plots of a model's predictions on the evaluated rows: predicted against actual and residuals for regression tasks;
 * ROC (with its AUC), precision-recall and calibration (a reliability diagram) for binary tasks.
 */
final class TestPlots {
  /** Scatter plots show at most this many rows (every k-th): more only hide each other and swell the page. */
  static final int MAX_POINTS = 2000;

  private TestPlots() {}

  static List<Plot> of(List<Predictions> tasks, String rows) {
    List<Plot> plots = new ArrayList<>();
    for (Predictions p : tasks) {
      if (p.rows() == 0) continue;
      if (p.kind() == Predictions.Kind.REGRESSION) {
        plots.add(predictedVsActual(p, rows));
        plots.add(residuals(p, rows));
      } else {
        Curves c = Curves.of(p.predicted(), p.actual());
        plots.add(roc(p.task(), c, rows));
        plots.add(new LinePlot(p.task() + ": precision-recall", "recall", "precision",
            List.of(new LinePlot.Series("precision-recall", c.recall(), c.precision(), LinePlot.Style.LINE, 0)),
            "Precision against recall as the decision threshold falls, on the " + rows + " rows."));
        plots.add(calibration(p, rows));
      }
    }
    return plots;
  }

  private static LinePlot roc(String task, Curves c, String rows) {
    String name = String.format(Locale.ROOT, "ROC, AUC %.4f", c.auc());
    return new LinePlot(task + ": ROC", "false positive rate", "true positive rate",
        List.of(new LinePlot.Series(name, c.fpr(), c.tpr(), LinePlot.Style.LINE, 0), diagonal("chance", 0, 1)),
        "True against false positive rate as the decision threshold falls, on the " + rows + " rows; the area under "
            + "the curve (AUC) is the probability that a positive row scores above a negative one (0.5: chance).");
  }

  private static LinePlot calibration(Predictions p, String rows) {
    Calibration c = Calibration.of(p.predicted(), p.actual());
    return new LinePlot(p.task() + ": calibration", "mean predicted probability", "observed fraction positive",
        List.of(new LinePlot.Series("model", c.predicted(), c.observed(), LinePlot.Style.LINE, 0),
            new LinePlot.Series("bins", c.predicted(), c.observed(), LinePlot.Style.MARKER, 0),
            diagonal("perfectly calibrated", 0, 1)),
        "Reliability diagram on the " + rows + " rows: rows binned by predicted probability (" + Calibration.BINS
            + " equal bins; rows per bin " + java.util.Arrays.toString(c.rows()) + "). Below the diagonal the model "
            + "over-estimates the probability, above it under-estimates it.");
  }

  private static LinePlot predictedVsActual(Predictions p, String rows) {
    double[][] xy = thin(p.actual(), p.predicted());
    double[] range = range(p.actual(), p.predicted());
    return new LinePlot(p.task() + ": predicted vs actual", "actual", "predicted",
        List.of(new LinePlot.Series("rows", xy[0], xy[1], LinePlot.Style.POINTS, 0), diagonal("predicted = actual",
            range[0], range[1])),
        "Each point is one of the " + rows + " rows" + shown(p.rows()) + ", in the target's units; on the dashed "
            + "line the prediction is exact, above it the model over-predicts.");
  }

  private static LinePlot residuals(Predictions p, String rows) {
    float[] residual = new float[p.rows()];
    for (int i = 0; i < residual.length; i++) residual[i] = p.actual()[i] - p.predicted()[i];
    double[][] xy = thin(p.predicted(), residual);
    double[] range = range(p.predicted(), p.predicted());
    return new LinePlot(p.task() + ": residuals", "predicted", "actual − predicted",
        List.of(new LinePlot.Series("rows", xy[0], xy[1], LinePlot.Style.POINTS, 0),
            new LinePlot.Series("zero", new double[] {range[0], range[1]}, new double[] {0, 0}, LinePlot.Style.REFERENCE, 0)),
        "Residual (actual − predicted) against the prediction on the " + rows + " rows" + shown(p.rows()) + "; a "
            + "trend or a funnel means the error depends on the predicted value.");
  }

  private static LinePlot.Series diagonal(String name, double from, double to) {
    return new LinePlot.Series(name, new double[] {from, to}, new double[] {from, to}, LinePlot.Style.REFERENCE, 0);
  }

  /** Every k-th (x, y) pair so that at most {@link #MAX_POINTS} remain. */
  static double[][] thin(float[] x, float[] y) {
    int stride = (x.length + MAX_POINTS - 1) / MAX_POINTS;
    int n = (x.length + stride - 1) / stride;
    double[][] out = new double[2][n];
    for (int i = 0, k = 0; i < x.length; i += stride, k++) {
      out[0][k] = x[i];
      out[1][k] = y[i];
    }
    return out;
  }

  private static String shown(int rows) {
    return rows > MAX_POINTS ? " (every " + (rows + MAX_POINTS - 1) / MAX_POINTS + "th shown)" : "";
  }

  private static double[] range(float[] a, float[] b) {
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (float[] v : new float[][] {a, b}) {
      for (float f : v) {
        low = Math.min(low, f);
        high = Math.max(high, f);
      }
    }
    return new double[] {low, high};
  }
}
