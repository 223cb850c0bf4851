package io.mtl4j.cli.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws {@link Plot}s as PNG (XChart, headless), returned as data URIs so the report works offline. */
final class Charts {
  private static final int WIDTH = 440;
  private static final int HEIGHT = 320;
  /** XChart's default theme colours, fixed here so that a model keeps its colour across plots. */
  private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
      new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};
  private static final BasicStroke DASHED = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
      new float[] {5f, 4f}, 0f);

  private Charts() {}

  static String png(Plot plot) {
    if (plot instanceof HeatPlot h) return dataUri(heat(h));
    return plot instanceof LinePlot p ? dataUri(lines(p)) : dataUri(bars((BarPlot) plot));
  }

  private static XYChart lines(LinePlot p) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(p.title()).xAxisTitle(p.xTitle())
        .yAxisTitle(p.yTitle()).build();
    // Legends below the plot never hide a curve; a cloud of points needs small markers, a best-epoch marker a big one.
    boolean cloud = !p.series(LinePlot.Style.POINTS).isEmpty();
    // With several models the legend names the models only (markers share their colours, captions name the dashed
    // guide lines): more entries would not fit below the plot.
    boolean onlyModels = p.series(LinePlot.Style.LINE).size() > 1;
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal)
        .setMarkerSize(cloud ? 4 : 10).setChartBackgroundColor(Color.WHITE);
    for (LinePlot.Series s : p.series()) {
      if (s.x().length == 0) continue;
      XYSeries xy = chart.addSeries(s.name(), s.x(), s.y());
      Color colour = s.style() == LinePlot.Style.REFERENCE ? Color.GRAY : PALETTE[Math.floorMod(s.group(), PALETTE.length)];
      xy.setLineColor(colour);
      xy.setMarkerColor(colour);
      xy.setShowInLegend(s.style() == LinePlot.Style.LINE || s.style() == LinePlot.Style.POINTS || !onlyModels);
      switch (s.style()) {
        case LINE -> xy.setMarker(SeriesMarkers.NONE);
        case POINTS, MARKER -> {
          xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
          xy.setMarker(s.style() == LinePlot.Style.MARKER ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
        }
        case REFERENCE -> {
          xy.setMarker(SeriesMarkers.NONE);
          xy.setLineStyle(DASHED);
        }
      }
    }
    return chart;
  }

  /**
   * Grouped bars with ±spread error bars. The y axis starts just below the lowest bar when all are positive, so that
   * close means stay distinguishable (RMSEs of linear models often differ in the second decimal); captions say so.
   */
  private static CategoryChart bars(BarPlot p) {
    int bars = p.categories().size() * Math.max(1, p.series().size());
    CategoryChart chart = new CategoryChartBuilder().width(Math.max(WIDTH, 60 * bars + 120)).height(HEIGHT)
        .title(p.title()).yAxisTitle(p.yTitle()).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal)
        .setLegendVisible(p.series().size() > 1).setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setSeriesColors(PALETTE);
    if (p.categories().size() > 4) chart.getStyler().setXAxisLabelRotation(45);
    double[] range = range(p.series());
    if (range[0] > 0 && range[1] > range[0]) chart.getStyler().setYAxisMin(Math.max(0, range[0] - 0.1 * (range[1] - range[0])));
    p.series().forEach((name, ms) -> chart.addSeries(name, p.categories(), boxed(ms[0]), boxed(ms[1])));
    return chart;
  }

  /**
   * Rows top to bottom in label order, columns left to right, each cell's value printed; the colour scale is
   * symmetric about 0 (blue negative, white 0, red positive) when values of both signs occur, so a sign reads at once.
   */
  private static HeatMapChart heat(HeatPlot p) {
    int t = p.labels().size();
    HeatMapChart chart = new HeatMapChartBuilder().width(Math.max(WIDTH, 46 * t + 160)).height(Math.max(HEIGHT, 34 * t + 120))
        .title(p.title()).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE).setChartBackgroundColor(Color.WHITE);
    // Every task named on both axes (XChart thins labels by default); cell values only while they fit the cells.
    chart.getStyler().setXAxisMaxLabelCount(t).setXAxisTickMarkSpacingHint(10).setYAxisTickMarkSpacingHint(10);
    if (t > 4) chart.getStyler().setXAxisLabelRotation(45);
    double low = Double.POSITIVE_INFINITY, high = Double.NEGATIVE_INFINITY;
    List<Number[]> cells = new java.util.ArrayList<>();
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < t; j++) {
        double v = p.values()[i][j];
        if (!Double.isFinite(v)) continue;
        low = Math.min(low, v);
        high = Math.max(high, v);
        cells.add(new Number[] {j, t - 1 - i, v}); // y grows upwards: the first row at the top
      }
    }
    if (cells.isEmpty()) cells.add(new Number[] {0, 0, 0}); // xchart needs a cell; an all-NaN measure shows one 0
    boolean signed = low < 0 && high > 0;
    double bound = Math.max(Math.abs(low), Math.abs(high));
    // Affinities are small (one step's loss change): a fixed "0.00" would print zeros in every cell.
    chart.getStyler().setShowValue(t <= 8).setHeatMapValueDecimalPattern(bound >= 0.1 ? "0.00" : "0.0E0");
    // XChart 4.0.3 indexes one colour past its range for a value a rounding step below the maximum (its fraction
    // rounds to 1 but the value is not >= max); a range wider by 1e-9 of itself keeps every fraction below 1.
    if (signed) {
      chart.getStyler().setRangeColors(new Color[] {new Color(0x2166ac), Color.WHITE, new Color(0xb2182b)});
      chart.getStyler().setMin(-bound * (1 + 1e-9)).setMax(bound * (1 + 1e-9));
    } else {
      chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0xb2182b)});
      if (high > low) chart.getStyler().setMin(low).setMax(high + (high - low) * 1e-9);
    }
    List<String> rowsUpward = new java.util.ArrayList<>(p.labels());
    java.util.Collections.reverse(rowsUpward);
    chart.addSeries(p.title(), p.labels(), rowsUpward, cells);
    return chart;
  }

  /** The lowest mean − spread and the highest mean + spread. */
  static double[] range(Map<String, double[][]> series) {
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (double[][] ms : series.values()) {
      for (int i = 0; i < ms[0].length; i++) {
        if (!Double.isFinite(ms[0][i])) continue;
        low = Math.min(low, ms[0][i] - ms[1][i]);
        high = Math.max(high, ms[0][i] + ms[1][i]);
      }
    }
    return new double[] {low, high};
  }

  private static List<Double> boxed(double[] v) {
    return Arrays.stream(v).boxed().toList();
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
