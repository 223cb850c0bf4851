package io.mtl4j.cli.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plots of models' predictions on the evaluated rows: predicted against actual and residuals for regression tasks;
 * ROC (with its AUC), precision-recall and calibration (a reliability diagram) for binary tasks.
 */
final class TestPlots {
  /** Scatter plots show at most this many rows (every k-th): more only hide each other and swell the page. */
  static final int MAX_POINTS = 2000;

  private TestPlots() {}

  /**
   * {@code byModel}: model → its tasks' predictions on the same rows, the model whose regression plots are drawn
   * first. Binary tasks get one ROC, precision-recall and calibration plot with a line per model.
   */
  static List<Plot> of(Map<String, List<Predictions>> byModel, String rows) {
    List<Plot> plots = new ArrayList<>();
    String main = byModel.keySet().iterator().next();
    for (Predictions p : byModel.get(main)) {
      if (p.rows() == 0) continue;
      if (p.kind() == Predictions.Kind.REGRESSION) {
        String of = byModel.size() > 1 ? " — " + main : "";
        plots.add(predictedVsActual(p, rows, of));
        plots.add(residuals(p, rows, of));
      } else {
        Map<String, Curves> curves = new LinkedHashMap<>();
        Map<String, Calibration> calibration = new LinkedHashMap<>();
        byModel.forEach((model, tasks) -> tasks.stream().filter(q -> q.task().equals(p.task())).findFirst().ifPresent(q -> {
          curves.put(model, Curves.of(q.predicted(), q.actual()));
          calibration.put(model, Calibration.of(q.predicted(), q.actual()));
        }));
        plots.add(roc(p.task(), curves, rows));
        plots.add(precisionRecall(p.task(), curves, rows));
        plots.add(calibration(p.task(), calibration, rows));
      }
    }
    return plots;
  }

  private static LinePlot roc(String task, Map<String, Curves> byModel, String rows) {
    List<LinePlot.Series> series = new ArrayList<>();
    byModel.forEach((model, c) -> series.add(new LinePlot.Series(String.format(Locale.ROOT, "%s, AUC %.4f",
        byModel.size() > 1 ? model : "ROC", c.auc()), c.fpr(), c.tpr(), LinePlot.Style.LINE, series.size())));
    series.add(diagonal("chance", 0, 1));
    return new LinePlot(task + ": ROC", "false positive rate", "true positive rate", series,
        "True against false positive rate as the decision threshold falls, on the " + rows + " rows; the area under "
            + "the curve (AUC) is the probability that a positive row scores above a negative one (0.5, the dashed diagonal: "
            + "chance).");
  }

  private static LinePlot precisionRecall(String task, Map<String, Curves> byModel, String rows) {
    List<LinePlot.Series> series = new ArrayList<>();
    byModel.forEach((model, c) -> series.add(new LinePlot.Series(byModel.size() > 1 ? model : "precision-recall",
        c.recall(), c.precision(), LinePlot.Style.LINE, series.size())));
    return new LinePlot(task + ": precision-recall", "recall", "precision", series,
        "Precision against recall as the decision threshold falls, on the " + rows + " rows.");
  }

  private static LinePlot calibration(String task, Map<String, Calibration> byModel, String rows) {
    List<LinePlot.Series> series = new ArrayList<>();
    StringBuilder counts = new StringBuilder();
    int group = 0;
    for (Map.Entry<String, Calibration> e : byModel.entrySet()) {
      Calibration c = e.getValue();
      boolean one = byModel.size() == 1;
      series.add(new LinePlot.Series(one ? "model" : e.getKey(), c.predicted(), c.observed(), LinePlot.Style.LINE, group));
      series.add(new LinePlot.Series(one ? "bins" : e.getKey() + " bins", c.predicted(), c.observed(),
          LinePlot.Style.MARKER, group++));
      counts.append(counts.length() == 0 ? "" : "; ").append(one ? "" : e.getKey() + " ").append(Arrays.toString(c.rows()));
    }
    series.add(diagonal("perfectly calibrated", 0, 1));
    return new LinePlot(task + ": calibration", "mean predicted probability", "observed fraction positive", series,
        "Reliability diagram on the " + rows + " rows: rows binned by predicted probability (" + Calibration.BINS
            + " equal bins; rows per bin " + counts + "). Below the dashed diagonal the model over-estimates the probability, "
            + "above it under-estimates it.");
  }

  private static LinePlot predictedVsActual(Predictions p, String rows, String of) {
    double[][] xy = thin(p.actual(), p.predicted());
    double[] range = range(p.actual(), p.predicted());
    return new LinePlot(p.task() + ": predicted vs actual" + of, "actual", "predicted",
        List.of(new LinePlot.Series("rows", xy[0], xy[1], LinePlot.Style.POINTS, 0), diagonal("predicted = actual",
            range[0], range[1])),
        "Each point is one of the " + rows + " rows" + shown(p.rows()) + ", in the target's units; on the dashed "
            + "line the prediction is exact, above it the model over-predicts.");
  }

  private static LinePlot residuals(Predictions p, String rows, String of) {
    float[] residual = new float[p.rows()];
    for (int i = 0; i < residual.length; i++) residual[i] = p.actual()[i] - p.predicted()[i];
    double[][] xy = thin(p.predicted(), residual);
    double[] range = range(p.predicted(), p.predicted());
    return new LinePlot(p.task() + ": residuals" + of, "predicted", "actual − predicted",
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
