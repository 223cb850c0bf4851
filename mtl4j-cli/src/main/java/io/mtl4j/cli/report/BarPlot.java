package io.mtl4j.cli.report;

import java.util.List;
import java.util.Map;

/**
 * Bars per category (a task), one per series (a model), each a mean with a ±spread error bar (the standard deviation
 * over seeds or splits; 0 for one).
 *
 * @param series series name → {mean per category, spread per category}
 */
public record BarPlot(String title, String yTitle, List<String> categories, Map<String, double[][]> series, String caption)
    implements Plot {
  public BarPlot {
    categories = List.copyOf(categories);
    series = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(series));
  }

  public double mean(String series, String category) {
    return this.series.get(series)[0][categories.indexOf(category)];
  }

  public double spread(String series, String category) {
    return this.series.get(series)[1][categories.indexOf(category)];
  }
}
