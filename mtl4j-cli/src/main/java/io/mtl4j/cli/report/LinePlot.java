package io.mtl4j.cli.report;

import java.util.List;
import java.util.Optional;

/**
 * An x/y chart of one quantity: every series shares the y axis, so a plot never mixes units (a loss and an RMSE get
 * two plots).
 */
public record LinePlot(String title, String xTitle, String yTitle, List<Series> series, String caption) implements Plot {
  public LinePlot {
    series = List.copyOf(series);
  }

  /** How a series is drawn: a curve, a cloud of points, one emphasised point (the best epoch), or a guide line. */
  public enum Style { LINE, POINTS, MARKER, REFERENCE }

  /**
   * One named series; {@code x} and {@code y} have equal length. Series of one {@code group} (a model's curve and its
   * best-epoch marker) share a colour.
   */
  public record Series(String name, double[] x, double[] y, Style style, int group) {
    public Series {
      if (x.length != y.length) {
        throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values, " + y.length + " y values");
      }
    }
  }

  /** The series called {@code name}, if any. */
  public Optional<Series> series(String name) {
    return series.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The series drawn in {@code style}, in order. */
  public List<Series> series(Style style) {
    return series.stream().filter(s -> s.style() == style).toList();
  }
}
