package io.mtl4j.classical;

import java.util.ArrayList;
import java.util.List;

/**
 * Test metrics of a classical model, task by task. School's protocol: the average RMSE is the unweighted mean over
 * tasks of each task's RMSE; explained variance is 1 − MSE/Var(y) over all test rows pooled.
 */
public record TaskMetrics(double[] rmse, double[] accuracy, double averageRmse, double averageMse,
                          double explainedVariance, double averageAccuracy) {

  public static TaskMetrics of(ClassicalModel model, MultiTaskData test) {
    int tasks = test.tasks();
    double[] rmse = new double[tasks];
    double[] acc = new double[tasks];
    double sse = 0;
    double sum = 0;
    double sumSq = 0;
    long n = 0;
    double rmseSum = 0;
    double accSum = 0;
    int counted = 0;
    for (int t = 0; t < tasks; t++) {
      double[] y = test.y(t);
      if (y.length == 0) {
        rmse[t] = Double.NaN;
        acc[t] = Double.NaN;
        continue;
      }
      double[] p = model.predict(test, t);
      double e = 0;
      int right = 0;
      for (int i = 0; i < y.length; i++) {
        double r = p[i] - y[i];
        e += r * r;
        if ((p[i] >= 0 ? 1 : -1) == y[i]) right++;
        sum += y[i];
        sumSq += y[i] * y[i];
      }
      sse += e;
      n += y.length;
      rmse[t] = Math.sqrt(e / y.length);
      acc[t] = (double) right / y.length;
      rmseSum += rmse[t];
      accSum += acc[t];
      counted++;
    }
    double mse = sse / n;
    double variance = sumSq / n - (sum / n) * (sum / n);
    return new TaskMetrics(rmse, acc, rmseSum / counted, mse, 1 - mse / variance, accSum / counted);
  }

  /** The comparison rows of this evaluation: averages always, per-task values when asked. */
  public List<ComparisonRow> rows(String model, int seed, List<String> taskNames, boolean classifier,
                                  boolean perTask) {
    List<ComparisonRow> out = new ArrayList<>();
    if (classifier) {
      out.add(new ComparisonRow(model, seed, "average", "accuracy", averageAccuracy));
    } else {
      out.add(new ComparisonRow(model, seed, "average", "rmse", averageRmse));
      out.add(new ComparisonRow(model, seed, "average", "mse", averageMse));
      out.add(new ComparisonRow(model, seed, "average", "explained-variance", explainedVariance));
    }
    if (perTask) {
      for (int t = 0; t < rmse.length; t++) {
        out.add(classifier ? new ComparisonRow(model, seed, taskNames.get(t), "accuracy", accuracy[t])
            : new ComparisonRow(model, seed, taskNames.get(t), "rmse", rmse[t]));
      }
    }
    return out;
  }
}
