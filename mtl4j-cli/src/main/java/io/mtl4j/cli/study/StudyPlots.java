package io.mtl4j.cli.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/** PNG plots of the correlation study (XChart, headless). */
final class StudyPlots {
  private StudyPlots() {}

  static void write(Path dir, List<CorrelationStudy.Run> runs, List<String> names, List<String> rhos) throws IOException {
    System.setProperty("java.awt.headless", "true");
    lossVsRho(dir, runs, names, rhos);
    for (String rho : rhos) {
      curves(dir, runs, names, rho);
      spread(dir, runs, names, rho);
    }
  }

  /** Mean test loss vs ρ, error bars ±1 standard error over repeats (the paper's Fig. 4 view). */
  private static void lossVsRho(Path dir, List<CorrelationStudy.Run> runs, List<String> names, List<String> rhos)
      throws IOException {
    XYChart chart = new XYChartBuilder().width(900).height(600).title("Test loss vs task correlation (mean ± s.e.)")
        .xAxisTitle("task correlation rho").yAxisTitle("test MSE (mean of 2 tasks)").build();
    for (String n : names) {
      double[] x = new double[rhos.size()], y = new double[rhos.size()], e = new double[rhos.size()];
      for (int i = 0; i < rhos.size(); i++) {
        List<Double> v = new ArrayList<>();
        for (CorrelationStudy.Run r : runs) if (r.arch().equals(n) && r.rho().equals(rhos.get(i))) v.add(r.average());
        double[] ms = StudyReport.meanSd(v);
        x[i] = Double.parseDouble(rhos.get(i));
        y[i] = ms[0];
        e[i] = ms[1] / Math.sqrt(v.size());
      }
      chart.addSeries(n, x, y, e);
    }
    BitmapEncoder.saveBitmap(chart, dir.resolve("loss-vs-rho.png").toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  /** Mean training loss per epoch (log scale), one line per architecture. */
  private static void curves(Path dir, List<CorrelationStudy.Run> runs, List<String> names, String rho) throws IOException {
    XYChart chart = new XYChartBuilder().width(900).height(600).title("Training loss, rho = " + rho + " (mean over repeats)")
        .xAxisTitle("epoch").yAxisTitle("training MSE (mean of 2 tasks)").build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setMarkerSize(0);
    for (String n : names) {
      int len = Integer.MAX_VALUE;
      List<double[]> curves = new ArrayList<>();
      for (CorrelationStudy.Run r : runs) {
        if (r.arch().equals(n) && r.rho().equals(rho)) {
          curves.add(r.trainCurve());
          len = Math.min(len, r.trainCurve().length);
        }
      }
      if (curves.isEmpty()) continue;
      double[] x = new double[len], y = new double[len];
      for (int e = 0; e < len; e++) {
        x[e] = e + 1;
        for (double[] c : curves) y[e] += c[e] / curves.size();
      }
      XYSeries s = chart.addSeries(n, x, y);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    }
    BitmapEncoder.saveBitmap(chart, dir.resolve("training-curves-rho" + rho + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  /** Spread over repeats of the final training loss, one box per architecture (the paper's trainability view). */
  private static void spread(Path dir, List<CorrelationStudy.Run> runs, List<String> names, String rho) throws IOException {
    BoxChart chart = new BoxChartBuilder().width(900).height(600)
        .title("Final training loss over repeats, rho = " + rho).yAxisTitle("training MSE at the last epoch").build();
    for (String n : names) {
      List<Double> v = new ArrayList<>();
      for (CorrelationStudy.Run r : runs) {
        if (r.arch().equals(n) && r.rho().equals(rho)) v.add(r.trainCurve()[r.trainCurve().length - 1]);
      }
      if (!v.isEmpty()) chart.addSeries(n, v);
    }
    BitmapEncoder.saveBitmap(chart, dir.resolve("final-loss-spread-rho" + rho + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
