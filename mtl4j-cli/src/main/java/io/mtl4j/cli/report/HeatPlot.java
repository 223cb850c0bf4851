package io.mtl4j.cli.report;

import java.util.List;

/**
 * A T×T matrix drawn as a heatmap: {@code values[i][j]} in row {@code labels[i]}, column {@code labels[j]}, the
 * labels already in display order (related tasks side by side). NaN cells are left blank.
 */
public record HeatPlot(String title, List<String> labels, double[][] values, String caption) implements Plot {
  public HeatPlot {
    labels = List.copyOf(labels);
    if (values.length != labels.size()) {
      throw new IllegalArgumentException("heatmap '" + title + "': " + values.length + " rows for " + labels.size() + " labels");
    }
  }
}
