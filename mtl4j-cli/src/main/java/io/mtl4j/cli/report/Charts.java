package io.mtl4j.cli.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line and bar charts as PNG (XChart, headless), returned as data URIs so the report works offline. */
final class Charts {
  private Charts() {}

  /** One line per series; x and y of each series have equal length. */
  static String lines(String title, String xTitle, String yTitle, Map<String, double[][]> series) {
    return lines(title, xTitle, yTitle, series, Styler.LegendPosition.InsideNE);
  }

  /** As above, with the legend where the curves are not (ROC rises to the top left, PR falls to the bottom right). */
  static String lines(String title, String xTitle, String yTitle, Map<String, double[][]> series, Styler.LegendPosition legend) {
    XYChart chart = new XYChartBuilder().width(560).height(360).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    chart.getStyler().setLegendPosition(legend).setMarkerSize(4).setChartBackgroundColor(java.awt.Color.WHITE);
    for (Map.Entry<String, double[][]> e : series.entrySet()) {
      double[][] xy = e.getValue();
      if (xy[0].length == 0) continue;
      chart.addSeries(e.getKey(), xy[0], xy[1]).setMarker(xy[0].length > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }
    return dataUri(chart);
  }

  /**
   * One bar per category (mean) with a ±std error bar. The y axis starts just below the lowest bar so close means
   * stay distinguishable (RMSEs of linear models often differ in the second decimal).
   */
  static String bars(String title, String yTitle, List<String> categories, double[] mean, double[] std) {
    CategoryChart chart = new CategoryChartBuilder().width(Math.max(560, 110 * categories.size())).height(360)
        .title(title).yAxisTitle(yTitle).build();
    chart.getStyler().setXAxisLabelRotation(45);
    chart.getStyler().setLegendVisible(false).setChartBackgroundColor(java.awt.Color.WHITE);
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < mean.length; i++) {
      low = Math.min(low, mean[i] - std[i]);
      high = Math.max(high, mean[i] + std[i]);
    }
    if (low > 0 && high > low) chart.getStyler().setYAxisMin(Math.max(0, low - 0.1 * (high - low)));
    chart.addSeries(yTitle, categories, java.util.Arrays.stream(mean).boxed().toList(),
        java.util.Arrays.stream(std).boxed().toList());
    return dataUri(chart);
  }

  static Map<String, double[][]> one(String name, double[] x, double[] y) {
    Map<String, double[][]> m = new LinkedHashMap<>();
    m.put(name, new double[][] {x, y});
    return m;
  }

  private static String dataUri(Chart<?, ?> chart) {
    System.setProperty("java.awt.headless", "true");
    try {
      byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render chart '" + chart.getTitle() + "'", e);
    }
  }
}
