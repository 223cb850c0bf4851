package io.mtl4j.data;

import io.mtl4j.task.TaskType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's fitted label encoding. Missing labels (and multiclass labels unseen in training) get mask 0, so the row is
 * left out of that task's loss and metrics.
 *
 * @param classes multiclass: the training classes in label order; binary: {@code [negative, positive]} names
 * @param scaling regression with {@link LabelSpec#standardise}: the fitted standardisation, else null
 * @param mask    segmentation: the mask's height and width (its image group's), else null
 */
public record LabelEncoder(LabelSpec spec, List<String> classes, TargetScaling scaling, Mask mask) {
  /** A segmentation mask's size in pixels; the label columns are its pixels, row-major. */
  public record Mask(int height, int width) {}

  public LabelEncoder {
    classes = classes == null ? List.of() : List.copyOf(classes);
    if ((scaling != null) != spec.standardise()) {
      throw new IllegalArgumentException("task '" + spec.task() + "': a standardised label needs its scaling, and only it");
    }
    if ((mask != null) != spec.type().equals("segmentation")
        || (mask != null && (long) mask.height() * mask.width() != spec.columns().size())) {
      throw new IllegalArgumentException("task '" + spec.task() + "': a segmentation label needs its mask size, one "
          + "column per pixel, and only it; got " + mask + " for " + spec.columns().size() + " columns");
    }
  }

  public LabelEncoder(LabelSpec spec, List<String> classes, TargetScaling scaling) {
    this(spec, classes, scaling, null);
  }

  public LabelEncoder(LabelSpec spec, List<String> classes) {
    this(spec, classes, null);
  }

  public TaskType taskType() {
    return switch (spec.type()) {
      case "binary" -> TaskType.binary();
      case "multiclass" -> TaskType.multiclass(classes.size());
      case "regression" -> TaskType.regression();
      case "segmentation" -> TaskType.segmentation(spec.classes(), mask.height(), mask.width());
      default -> TaskType.multilabel(spec.columns().size());
    };
  }

  /** A prediction of this task in the label's units (undoing the standardisation, if any). */
  public float original(float prediction) {
    return scaling == null ? prediction : scaling.original(prediction);
  }

  /** Labels [rows.length, labelWidth] and mask [rows.length] of the given table rows. */
  void encode(Table table, int[] rows, float[] labels, float[] mask) {
    if (this.mask != null) {
      encodePixels(table, rows, labels, mask);
      return;
    }
    int width = spec.labelWidth();
    for (int j = 0; j < spec.columns().size(); j++) {
      int col = table.require(spec.columns().get(j), "task '" + spec.task() + "' label");
      float[] lookup = lookup(table, col);
      for (int i = 0; i < rows.length; i++) {
        int code = table.code(col, rows[i]);
        float v = code < 0 ? Float.NaN : lookup[code];
        if (j == 0) mask[i] = 1f;
        if (Float.isNaN(v)) {
          mask[i] = 0f;
          v = 0f;
        } else if (scaling != null) {
          v = scaling.standardised(v);
        }
        labels[i * width + j] = v;
      }
    }
  }

  /**
   * Pixel classes [rows.length, H·W]: an empty cell is −1, a pixel without a label; a row without any labelled pixel
   * gets mask 0.
   */
  private void encodePixels(Table table, int[] rows, float[] labels, float[] rowMask) {
    int width = spec.columns().size();
    java.util.Arrays.fill(rowMask, 0f);
    for (int j = 0; j < width; j++) {
      int col = table.require(spec.columns().get(j), "task '" + spec.task() + "' mask");
      float[] lookup = pixelClasses(table, col);
      for (int i = 0; i < rows.length; i++) {
        int code = table.code(col, rows[i]);
        labels[i * width + j] = code < 0 ? -1f : lookup[code];
        if (code >= 0) rowMask[i] = 1f;
      }
    }
  }

  /** The class of each distinct value of a mask column; a value that is no class in [0, K) fails at its first row. */
  private float[] pixelClasses(Table table, int col) {
    float[] out = new float[table.values(col).size()];
    for (int code = 0; code < out.length; code++) {
      double v = FeatureEncoder.Numeric.parse(table, col, code);
      if (!(v >= 0 && v < spec.classes() && v == Math.rint(v))) {
        throw new DataFormatException(table.source(), table.line(table.firstRowWith(col, code)), col + 1, "task '"
            + spec.task() + "': mask column '" + table.names().get(col) + "' has the value '" + table.values(col)
            .get(code) + "', expected a pixel class in [0, " + (spec.classes() - 1) + "] (classes: " + spec.classes()
            + ") or an empty cell for an unlabelled pixel");
      }
      out[code] = (float) v;
    }
    return out;
  }

  /**
   * Rows of a multiclass task whose label is a class the training rows never had, and those classes.
   *
   * @param rows    how many such rows (their mask is 0: no output of the model stands for their class)
   * @param classes the unseen classes, sorted
   */
  public record Unseen(int rows, List<String> classes) {
    public Unseen {
      classes = List.copyOf(classes);
    }
  }

  /** The given table rows' labels that are classes unseen in training (none unless multiclass). */
  Unseen unseen(Table table, int[] rows) {
    if (!spec.type().equals("multiclass")) return new Unseen(0, List.of());
    int col = table.require(spec.columns().get(0), "task '" + spec.task() + "' label");
    float[] lookup = lookup(table, col);
    java.util.SortedSet<String> unseen = new java.util.TreeSet<>();
    int n = 0;
    for (int r : rows) {
      int code = table.code(col, r);
      if (code >= 0 && Float.isNaN(lookup[code])) { // a missing label has no code; NaN here is an unknown class
        n++;
        unseen.add(table.values(col).get(code));
      }
    }
    return new Unseen(n, List.copyOf(unseen));
  }

  /** Label value per distinct value of the column; NaN means "no label". */
  private float[] lookup(Table table, int col) {
    List<String> values = table.values(col);
    float[] out = new float[values.size()];
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < classes.size(); i++) index.put(classes.get(i), i);
    LabelSpec.Comparison cmp = spec.expression() == null ? null : LabelSpec.Comparison.parse(spec.expression(), "expression");
    for (int i = 0; i < out.length; i++) {
      String v = values.get(i);
      out[i] = switch (spec.type()) {
        case "multiclass" -> index.containsKey(v) ? index.get(v) : Float.NaN;
        case "regression" -> (float) FeatureEncoder.Numeric.parse(table, col, i);
        case "multilabel" -> binary(v, List.of(), null, table, col, i);
        default -> binary(v, spec.positive(), cmp, table, col, i);
      };
    }
    return out;
  }

  private static float binary(String v, List<String> positive, LabelSpec.Comparison cmp, Table table, int col, int code) {
    if (cmp != null) return cmp.test(FeatureEncoder.Numeric.parse(table, col, code)) ? 1f : 0f;
    if (!positive.isEmpty()) return positive.contains(v) ? 1f : 0f;
    switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "1", "1.0", "true", "yes" -> { return 1f; }
      case "0", "0.0", "false", "no", "-1" -> { return 0f; }
      default -> {
        int row = table.firstRowWith(col, code);
        throw new DataFormatException(table.source(), table.line(row), col + 1, "label column '" + table.names().get(col)
            + "' has the value '" + v + "', expected 0/1 (or give the task a 'positive' list or an 'expression')");
      }
    }
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", spec.task());
    m.put("type", spec.type());
    m.put("columns", spec.columns());
    m.put("positive", spec.positive());
    m.put("expression", spec.expression());
    m.put("classes", classes);
    // Written only when present, so that the files of other tasks stay byte for byte as before.
    if (scaling != null) m.put("standardise", Map.of("mean", scaling.mean(), "std", scaling.std()));
    if (mask != null) m.put("mask", Map.of("classes", spec.classes(), "height", mask.height(), "width", mask.width()));
    return m;
  }

  @SuppressWarnings("unchecked")
  static LabelEncoder fromMap(Map<String, Object> m) {
    Map<String, Object> s = (Map<String, Object>) m.get("standardise");
    TargetScaling scaling = s == null ? null
        : new TargetScaling(((Number) s.get("mean")).doubleValue(), ((Number) s.get("std")).doubleValue());
    Map<String, Object> pixels = (Map<String, Object>) m.get("mask");
    Mask mask = pixels == null ? null
        : new Mask(((Number) pixels.get("height")).intValue(), ((Number) pixels.get("width")).intValue());
    return new LabelEncoder(new LabelSpec((String) m.get("task"), (String) m.get("type"), (List<String>) m.get("columns"),
        (List<String>) m.get("positive"), (String) m.get("expression"), scaling != null,
        pixels == null ? 0 : ((Number) pixels.get("classes")).intValue()), (List<String>) m.get("classes"), scaling, mask);
  }
}
