package io.mtl4j.cli.report;

/**
 * One chart of the report as data: what {@link Charts} draws and what tests read (the report's content, not its
 * pixels). The title names the quantity; the caption says in words what to look for.
 */
public sealed interface Plot permits LinePlot, BarPlot, HeatPlot {
  String title();

  String caption();
}
