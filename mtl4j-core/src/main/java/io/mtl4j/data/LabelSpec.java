package io.mtl4j.data;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where a task's labels come from.
 *
 * @param task       task name
 * @param type       binary, multiclass, regression, multilabel or segmentation
 * @param columns    the label column (one), or one 0/1 column per label for multilabel, or one class column per
 *                   pixel (row-major) for segmentation, where ranges such as {@code m0..m783} expand
 * @param positive   binary: values that mean 1 (compared after trimming); empty with no expression: "1"/"true"
 * @param expression  binary: a comparison of the numeric value, e.g. {@code "> 50000"} or {@code "<= 0.5"}
 * @param standardise regression: learn (y − mean) / std with mean and std of the training rows (see
 *                    {@link TargetScaling}); predictions and metrics stay in y's units
 * @param classes     segmentation: K, the pixel classes background included (a mask cell holds 0 … K − 1, or nothing
 *                    for an unlabelled pixel); 0 for the other types
 */
public record LabelSpec(String task, String type, List<String> columns, List<String> positive, String expression,
                        boolean standardise, int classes) {
  static final Set<String> TYPES = Set.of("binary", "multiclass", "regression", "multilabel", "segmentation");

  public LabelSpec {
    if (task == null || task.isBlank()) throw new IllegalArgumentException("tasks: a task has no name");
    type = FeatureOptions.check("tasks." + task + ".type", type == null ? "binary" : type, TYPES);
    boolean mask = type.equals("segmentation");
    columns = columns == null ? List.of() : List.copyOf(mask ? ColumnRanges.expand("tasks." + task + ".columns",
        columns) : columns);
    positive = positive == null ? List.of() : List.copyOf(positive);
    if (columns.isEmpty()) throw new IllegalArgumentException("tasks." + task + ".column is missing");
    if (mask ? classes < 2 : classes != 0) {
      throw new IllegalArgumentException("tasks." + task + ".classes = " + classes + (mask
          ? ": a segmentation task needs its pixel classes, background included (≥ 2)"
          : ": classes applies to segmentation tasks only, type is " + type));
    }
    if (!type.equals("multilabel") && !mask && columns.size() != 1) {
      throw new IllegalArgumentException("tasks." + task + ": a " + type + " task has one label column, got " + columns);
    }
    if (expression != null) Comparison.parse(expression, "tasks." + task + ".expression");
    if (!type.equals("binary") && (expression != null || !positive.isEmpty())) {
      throw new IllegalArgumentException("tasks." + task + ": positive/expression apply to binary tasks only, type is "
          + type.toLowerCase(Locale.ROOT));
    }
    if (standardise && !type.equals("regression")) {
      throw new IllegalArgumentException("tasks." + task + ".standardise applies to regression tasks only, type is " + type);
    }
  }

  /** Labels of a type without pixel classes, standardised or not. */
  public LabelSpec(String task, String type, List<String> columns, List<String> positive, String expression,
                   boolean standardise) {
    this(task, type, columns, positive, expression, standardise, 0);
  }

  LabelSpec withoutStandardising() {
    return new LabelSpec(task, type, columns, positive, expression, false, classes);
  }

  /** Floats per row in the label tensor: one per label column (multilabel) or pixel (segmentation), else 1. */
  public int labelWidth() {
    return type.equals("multilabel") || type.equals("segmentation") ? columns.size() : 1;
  }

  /** Labels used as they are (no standardisation). */
  public LabelSpec(String task, String type, List<String> columns, List<String> positive, String expression) {
    this(task, type, columns, positive, expression, false);
  }

  /** A numeric comparison such as {@code > 50000}. */
  record Comparison(String op, double value) {
    static Comparison parse(String text, String key) {
      String s = text.strip();
      for (String op : new String[] {">=", "<=", "==", "!=", ">", "<"}) {
        if (s.startsWith(op)) {
          try {
            return new Comparison(op, Double.parseDouble(s.substring(op.length()).strip()));
          } catch (NumberFormatException e) {
            break;
          }
        }
      }
      throw new IllegalArgumentException(key + " = '" + text + "', expected an operator (>, >=, <, <=, ==, !=) and a number, e.g. '> 50000'");
    }

    boolean test(double x) {
      return switch (op) {
        case ">=" -> x >= value;
        case "<=" -> x <= value;
        case "==" -> x == value;
        case "!=" -> x != value;
        case ">" -> x > value;
        default -> x < value;
      };
    }
  }
}
