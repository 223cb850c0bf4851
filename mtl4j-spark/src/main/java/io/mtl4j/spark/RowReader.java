package io.mtl4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * Reads features and labels from DataFrame rows: one vector column, or numeric feature columns, and one numeric label
 * column per task. A null label is a missing label (masked, as an empty CSV cell); NaN is kept, so it fails training
 * as it does in one JVM. Column positions are resolved once per schema.
 *
 * @param featuresCol  the vector column (used when {@code featureCols} is empty)
 * @param featureCols  numeric feature columns, or empty
 * @param labelCols    one label column per task, in task order; empty when only predicting
 */
record RowReader(String featuresCol, List<String> featureCols, List<String> labelCols) implements Serializable {
  private static final long serialVersionUID = 1L;

  RowReader {
    featureCols = List.copyOf(featureCols);
    labelCols = List.copyOf(labelCols);
  }

  /** Refuses a schema without the columns or with columns of the wrong type, naming the Param and the column. */
  void checkFeatures(StructType schema) {
    if (featureCols.isEmpty()) {
      requireColumn(schema, featuresCol, "featuresCol");
      DataType type = schema.apply(featuresCol).dataType();
      if (!type.equals(SQLDataTypes.VectorType())) {
        throw new IllegalArgumentException("featuresCol: column '" + featuresCol + "' has type " + type.simpleString()
            + ", expected an ML vector (VectorAssembler) or set featureCols to numeric columns");
      }
    } else {
      for (String c : featureCols) requireNumeric(schema, c, "featureCols");
    }
  }

  /** The label columns of {@code schema} that exist (their tasks' names), checking that they are numeric. */
  List<String> presentLabels(StructType schema) {
    List<String> names = Arrays.asList(schema.fieldNames());
    List<String> present = labelCols.stream().filter(names::contains).toList();
    for (String c : present) requireNumeric(schema, c, "labelCols");
    return present;
  }

  private static void requireColumn(StructType schema, String column, String param) {
    if (!Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new IllegalArgumentException(param + ": no column '" + column + "'; the data has "
          + Arrays.toString(schema.fieldNames()));
    }
  }

  private static void requireNumeric(StructType schema, String column, String param) {
    requireColumn(schema, column, param);
    DataType type = schema.apply(column).dataType();
    if (!(type instanceof NumericType)) {
      throw new IllegalArgumentException(param + ": column '" + column + "' has type " + type.simpleString()
          + ", expected a numeric column");
    }
  }

  /** The width of one row's features. */
  int width(Row row) {
    return featureCols.isEmpty() ? vector(row).size() : featureCols.size();
  }

  /**
   * Copies row {@code rowNumber}'s features into {@code dst} at {@code offset}.
   *
   * @throws IllegalArgumentException when its vector is not {@code width} long, naming the column and the row
   */
  void features(Row row, long rowNumber, int width, float[] dst, int offset) {
    if (featureCols.isEmpty()) {
      double[] values = sizedVector(row, rowNumber, width).toArray();
      for (int j = 0; j < width; j++) dst[offset + j] = (float) values[j];
      return;
    }
    for (int j = 0; j < width; j++) dst[offset + j] = cell(row, rowNumber, j).floatValue();
  }

  /**
   * Row {@code rowNumber}'s features in double precision, for the classical solvers, with the checks of
   * {@link #features}.
   */
  double[] values(Row row, long rowNumber, int width) {
    if (featureCols.isEmpty()) return sizedVector(row, rowNumber, width).toArray();
    double[] out = new double[width];
    for (int j = 0; j < width; j++) out[j] = cell(row, rowNumber, j).doubleValue();
    return out;
  }

  private Vector sizedVector(Row row, long rowNumber, int width) {
    Vector v = vector(row);
    if (v.size() != width) {
      throw new IllegalArgumentException("featuresCol '" + featuresCol + "': row " + rowNumber + " has a vector of "
          + "size " + v.size() + ", expected " + width + " (the model's inputs)");
    }
    return v;
  }

  private Number cell(Row row, long rowNumber, int j) {
    int at = row.fieldIndex(featureCols.get(j));
    if (row.isNullAt(at)) {
      throw new IllegalArgumentException("featureCols: column '" + featureCols.get(j) + "' is null in row "
          + rowNumber + "; impute it first (Imputer) or drop the row");
    }
    return (Number) row.get(at);
  }

  private Vector vector(Row row) {
    int at = row.fieldIndex(featuresCol);
    if (row.isNullAt(at)) {
      throw new IllegalArgumentException("featuresCol '" + featuresCol + "': a row has a null vector");
    }
    return row.getAs(at);
  }

  /** Task {@code task}'s label of the row, or null when it is missing. */
  Double label(Row row, int task) {
    int at = row.fieldIndex(labelCols.get(task));
    return row.isNullAt(at) ? null : ((Number) row.get(at)).doubleValue();
  }
}
