package io.mtl4j.cli.study;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The correlation study's printed summary: means ± s.d., and paired differences with standard errors. */
final class StudyReport {
  private StudyReport() {}

  static String format(List<CorrelationStudy.Run> runs, List<String> names, List<String> rhos, int earlyEpoch) {
    Map<String, CorrelationStudy.Run> byKey = new HashMap<>();
    int repeats = 0;
    for (CorrelationStudy.Run r : runs) {
      byKey.put(key(r.arch(), r.rho(), r.repeat()), r);
      repeats = Math.max(repeats, r.repeat() + 1);
    }
    StringBuilder sb = new StringBuilder();
    String lo = rhos.get(0), hi = rhos.get(rhos.size() - 1);
    table(sb, "Test loss (mean of the two tasks' MSE), mean ± s.d. over " + repeats + " repeats", names, rhos, byKey,
        repeats, CorrelationStudy.Run::average);
    int early = earlyEpoch - 1;
    table(sb, "Training loss at epoch " + earlyEpoch + " (the trainability view), mean ± s.d.", names, rhos, byKey, repeats,
        r -> r.trainCurve()[Math.min(early, r.trainCurve().length - 1)]);
    sb.append("\nPaired differences of test loss (mean ± s.e. over repeats; wins = repeats where the difference < 0)\n");
    String base = names.contains("shared-bottom") ? "shared-bottom" : names.get(0);
    for (String rho : rhos) {
      for (String n : names) {
        if (n.equals(base)) continue;
        line(sb, String.format(Locale.ROOT, "%s − %s at rho=%s", n, base, rho), paired(byKey, repeats,
            k -> get(byKey, n, rho, k).average() - get(byKey, base, rho, k).average()));
      }
    }
    sb.append(String.format(Locale.ROOT, "%nGap = loss(rho=%s) − loss(rho=%s) (> 0: the model does better on more related tasks)%n", lo, hi));
    for (String n : names) {
      line(sb, "gap of " + n, paired(byKey, repeats, k -> gap(byKey, n, lo, hi, k, CorrelationStudy.Run::average)));
    }
    if (names.contains("mmoe")) {
      for (String n : names) {
        if (n.equals("mmoe")) continue;
        line(sb, "gap of " + n + " − gap of mmoe", paired(byKey, repeats,
            k -> gap(byKey, n, lo, hi, k, CorrelationStudy.Run::average) - gap(byKey, "mmoe", lo, hi, k, CorrelationStudy.Run::average)));
      }
      sb.append(String.format(Locale.ROOT, "%nThe same on the training loss at epoch %d%n", earlyEpoch));
      ToDoubleFunction<CorrelationStudy.Run> trainAt = r -> r.trainCurve()[Math.min(early, r.trainCurve().length - 1)];
      if (names.contains("shared-bottom")) {
        line(sb, "mmoe − shared-bottom at rho=" + lo, paired(byKey, repeats,
            k -> trainAt.applyAsDouble(get(byKey, "mmoe", lo, k)) - trainAt.applyAsDouble(get(byKey, "shared-bottom", lo, k))));
      }
      for (String n : names) line(sb, "gap of " + n, paired(byKey, repeats, k -> gap(byKey, n, lo, hi, k, trainAt)));
    }
    return sb.toString();
  }

  private static void table(StringBuilder sb, String title, List<String> names, List<String> rhos,
                            Map<String, CorrelationStudy.Run> byKey, int repeats, ToDoubleFunction<CorrelationStudy.Run> f) {
    sb.append(title).append('\n');
    sb.append(String.format(Locale.ROOT, "%-14s", "architecture"));
    for (String rho : rhos) sb.append(String.format(Locale.ROOT, "  %-19s", "rho=" + rho));
    sb.append('\n');
    for (String n : names) {
      sb.append(String.format(Locale.ROOT, "%-14s", n));
      for (String rho : rhos) {
        List<Double> v = new ArrayList<>();
        for (int k = 0; k < repeats; k++) {
          CorrelationStudy.Run r = byKey.get(key(n, rho, k));
          if (r != null) v.add(f.applyAsDouble(r));
        }
        double[] ms = meanSd(v);
        sb.append(String.format(Locale.ROOT, "  %.4f ± %-10.4f", ms[0], ms[1]));
      }
      sb.append('\n');
    }
    sb.append('\n');
  }

  private static double gap(Map<String, CorrelationStudy.Run> byKey, String n, String lo, String hi, int k,
                            ToDoubleFunction<CorrelationStudy.Run> f) {
    return f.applyAsDouble(get(byKey, n, lo, k)) - f.applyAsDouble(get(byKey, n, hi, k));
  }

  private static CorrelationStudy.Run get(Map<String, CorrelationStudy.Run> byKey, String n, String rho, int k) {
    return byKey.get(key(n, rho, k));
  }

  /** [mean, s.e., wins, n] of a per-repeat difference. */
  private static double[] paired(Map<String, CorrelationStudy.Run> byKey, int repeats, java.util.function.IntToDoubleFunction d) {
    List<Double> v = new ArrayList<>();
    for (int k = 0; k < repeats; k++) v.add(d.applyAsDouble(k));
    double[] ms = meanSd(v);
    int wins = 0;
    for (double x : v) if (x < 0) wins++;
    return new double[] {ms[0], ms[1] / Math.sqrt(v.size()), wins, v.size()};
  }

  private static void line(StringBuilder sb, String label, double[] p) {
    sb.append(String.format(Locale.ROOT, "  %-44s %+.4f ± %.4f  (%.1f s.e.; wins %d/%d)%n", label, p[0], p[1],
        p[1] == 0 ? 0 : p[0] / p[1], (int) p[2], (int) p[3]));
  }

  static double[] meanSd(List<Double> v) {
    double m = 0;
    for (double x : v) m += x;
    m /= v.size();
    double s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return new double[] {m, v.size() > 1 ? Math.sqrt(s / (v.size() - 1)) : 0};
  }

  private static String key(String arch, String rho, int repeat) {
    return arch + "|" + rho + "|" + repeat;
  }
}
