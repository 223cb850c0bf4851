package io.mtl4j.cli.serve;

import java.util.List;
import java.util.Map;

/**
 * What the service needs of a model: raw input rows, cells as a CSV holds them, → every task's named predictions.
 * Small on purpose, so a lean runtime can stand in for {@link TrainedRowModel}, which uses the training stack's
 * prediction path. Implementations are immutable and safe to call from many threads at once.
 */
public interface RowModel {
  /** An input column: a numeric one takes numbers (or strings that parse as finite numbers), the others any text. */
  record Input(String name, boolean numeric) {}

  /** The input columns, in the order {@link #predict} reads cells. */
  List<Input> inputs();

  /** What {@code GET /model} answers: tasks, inputs, provenance, as a JSON-able map tree. */
  Map<String, Object> describe();

  /**
   * Predictions for {@code cells} [rows][inputs] (null: missing, imputed as training did): per row, task → value name
   * → value (an Integer 0/1, a Float or a class name), the values {@code mtl4j predict} writes.
   *
   * @throws RequestException (400) for a cell the model cannot take, naming its row and column
   */
  List<Map<String, Map<String, Object>>> predict(String[][] cells);
}
