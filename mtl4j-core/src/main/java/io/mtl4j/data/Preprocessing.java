package io.mtl4j.data;

import io.mtl4j.encode.FeatureRows;
import io.mtl4j.encode.ImageEncoder;
import io.mtl4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Fitted preprocessing: one {@link FeatureEncoder} per input column and one {@link LabelEncoder} per task, fitted on
 * the training rows only and saved with the model as a plain map tree ({@link #toMap}/{@link #fromMap}). With
 * declared feature groups ({@link GroupedFeatures}) the inputs are the groups instead of one matrix.
 */
public final class Preprocessing {
  public static final int FORMAT_VERSION = 1;

  private final List<FeatureEncoder> encoders;
  private final List<LabelEncoder> labels;
  private final int width;
  private final GroupedFeatures groups;

  public Preprocessing(List<FeatureEncoder> encoders, List<LabelEncoder> labels) {
    this(encoders, labels, null);
  }

  /** With {@code groups} (null: none) the model reads them and {@code encoders} must be empty. */
  public Preprocessing(List<FeatureEncoder> encoders, List<LabelEncoder> labels, GroupedFeatures groups) {
    this.encoders = List.copyOf(encoders);
    this.labels = List.copyOf(labels);
    this.groups = groups;
    if (groups != null && !encoders.isEmpty()) {
      throw new IllegalArgumentException("preprocessing has both feature groups and matrix columns");
    }
    this.width = groups != null ? groups.inputSpec().sharedWidth() : encoders.stream().mapToInt(FeatureEncoder::width).sum();
    if (width == 0) throw new IllegalArgumentException("features: no input columns left (all dropped or labels)");
  }

  /**
   * As {@link #fit(Table, int[], FeatureOptions, List)}, with the config's {@code inputs:} groups when not empty:
   * then the groups' columns are the only inputs.
   */
  public static Preprocessing fit(Table table, int[] trainRows, FeatureOptions options, List<LabelSpec> tasks,
                                  List<InputGroupOptions> inputs) {
    if (inputs.isEmpty()) return fit(table, trainRows, options, tasks);
    Set<String> labelColumns = new HashSet<>();
    List<LabelEncoder> labels = fitLabels(table, trainRows, tasks, labelColumns, inputs);
    return new Preprocessing(List.of(), labels, GroupedFeatures.fit(table, trainRows, options, inputs, labelColumns));
  }

  /** Fits encoders and labels on {@code trainRows} of {@code table}. */
  public static Preprocessing fit(Table table, int[] trainRows, FeatureOptions options, List<LabelSpec> tasks) {
    Set<String> labelColumns = new HashSet<>();
    List<LabelEncoder> labels = fitLabels(table, trainRows, tasks, labelColumns, List.of());
    List<FeatureEncoder> encoders = new ArrayList<>();
    for (int col : inputColumns(table, options, labelColumns)) encoders.add(fitColumn(table, col, trainRows, options));
    return new Preprocessing(encoders, labels);
  }

  /**
   * The input columns of a table with these names, in order: neither labels nor dropped, and included when
   * {@code features.include} lists any; a column the options name but the table lacks fails naming the key.
   */
  static List<Integer> inputColumns(Table table, FeatureOptions options, Set<String> labelColumns) {
    for (String c : options.include()) table.require(c, "features.include");
    for (String c : options.numeric()) table.require(c, "features.numeric");
    for (String c : options.categorical()) table.require(c, "features.categorical");
    for (String c : options.drop()) table.require(c, "features.drop");
    List<Integer> out = new ArrayList<>();
    for (int col = 0; col < table.names().size(); col++) {
      String name = table.names().get(col);
      if (labelColumns.contains(name) || options.drop().contains(name)) continue;
      if (!options.include().isEmpty() && !options.include().contains(name)) continue;
      out.add(col);
    }
    return out;
  }

  /** The task label columns, each required in the table (never inputs). */
  static Set<String> labelColumns(Table table, List<LabelSpec> tasks) {
    Set<String> out = new HashSet<>();
    for (LabelSpec t : tasks) {
      for (String c : t.columns()) table.require(c, "task '" + t.task() + "' label");
      out.addAll(t.columns());
    }
    return out;
  }

  /** Each task's label encoder; adds the label columns (never inputs) to {@code labelColumns}. */
  private static List<LabelEncoder> fitLabels(Table table, int[] trainRows, List<LabelSpec> tasks,
                                              Set<String> labelColumns, List<InputGroupOptions> inputs) {
    labelColumns.addAll(labelColumns(table, tasks));
    List<LabelEncoder> labels = new ArrayList<>();
    for (LabelSpec t : tasks) labels.add(t.type().equals("segmentation") ? fitMask(t, inputs) : fitLabel(table, trainRows, t));
    return labels;
  }

  /**
   * A segmentation task's mask takes the size of the one shared image group, whose feature map its dense head reads
   * ({@link io.mtl4j.arch.MultiTaskModel}): one mask column per pixel.
   */
  private static LabelEncoder fitMask(LabelSpec spec, List<InputGroupOptions> inputs) {
    List<ImageEncoder.Spec> images = new ArrayList<>();
    for (InputGroupOptions g : inputs) {
      if (g instanceof InputGroupOptions.Image i && !i.isPrivate()) images.add(i.encoder());
    }
    if (images.size() != 1) {
      throw new IllegalArgumentException("tasks." + spec.task() + ": a segmentation task's dense head reads the feature "
          + "map of the model's shared image group, so 'inputs' needs exactly one group of kind: image; it has "
          + images.stream().map(ImageEncoder.Spec::group).toList());
    }
    ImageEncoder.Spec image = images.get(0);
    if (spec.columns().size() != image.height() * image.width()) {
      throw new IllegalArgumentException("tasks." + spec.task() + ".columns: " + spec.columns().size() + " mask "
          + "columns, but image group '" + image.group() + "' holds " + image.height() + "×" + image.width() + " = "
          + image.height() * image.width() + " pixels; expected one mask column per pixel, row-major");
    }
    return new LabelEncoder(spec, List.of(), null, new LabelEncoder.Mask(image.height(), image.width()));
  }

  static FeatureEncoder fitColumn(Table table, int col, int[] rows, FeatureOptions o) {
    String name = table.names().get(col);
    boolean numeric = o.numeric().contains(name) || (!o.categorical().contains(name) && Schema.isNumeric(table, col));
    int[] counts = new int[table.values(col).size()];
    int missing = 0;
    for (int r : rows) {
      int code = table.code(col, r);
      if (code < 0) missing++;
      else counts[code]++;
    }
    if (numeric) {
      String scaling = o.scalingByColumn().getOrDefault(name, o.scaling());
      return fitNumeric(table, col, counts, scaling, missing > 0);
    }
    Set<String> seen = new TreeSet<>();
    for (int code = 0; code < counts.length; code++) if (counts[code] >= o.minCount()) seen.add(table.values(col).get(code));
    if (o.encoding().equals("hash") || seen.size() > o.maxCategories()) return new FeatureEncoder.Hashed(name, o.hashBuckets());
    return new FeatureEncoder.OneHot(name, List.copyOf(seen), o.encoding().equals("ids"));
  }

  private static FeatureEncoder fitNumeric(Table table, int col, int[] counts, String scaling, boolean indicator) {
    double n = 0, sum = 0, sq = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
    for (int code = 0; code < counts.length; code++) {
      if (counts[code] == 0) continue;
      double x = FeatureEncoder.Numeric.transform(scaling, FeatureEncoder.Numeric.parse(table, col, code));
      n += counts[code];
      sum += counts[code] * x;
      sq += counts[code] * x * x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    double mean = n == 0 ? 0 : sum / n;
    double sd = n == 0 ? 0 : Math.sqrt(Math.max(0, sq / n - mean * mean));
    return numeric(table.names().get(col), scaling, n, mean, sd, min, max, indicator);
  }

  /** A numeric encoder from the training values' count, mean, standard deviation, min and max (after any log). */
  static FeatureEncoder.Numeric numeric(String name, String scaling, double n, double mean, double sd, double min,
                                        double max, boolean indicator) {
    double shift = 0, scale = 1;
    switch (scaling) {
      case "minmax" -> {
        shift = n == 0 ? 0 : min;
        scale = max > min ? max - min : 1;
      }
      case "none" -> { }
      default -> {
        shift = mean;
        scale = sd > 0 ? sd : 1;
      }
    }
    // A missing value takes the training mean, expressed on the scaled axis.
    return new FeatureEncoder.Numeric(name, scaling, shift, scale, (mean - shift) / scale, indicator);
  }

  private static LabelEncoder fitLabel(Table table, int[] rows, LabelSpec spec) {
    if (spec.standardise()) return new LabelEncoder(spec, List.of(), fitScaling(table, rows, spec));
    if (!spec.type().equals("multiclass")) return new LabelEncoder(spec, List.of());
    int col = table.indexOf(spec.columns().get(0));
    Set<String> classes = new TreeSet<>();
    for (int r : rows) {
      int code = table.code(col, r);
      if (code >= 0) classes.add(table.values(col).get(code));
    }
    if (classes.size() < 2) {
      throw new DataFormatException(table.source(), 0, col + 1, "task '" + spec.task() + "' (multiclass) has "
          + classes.size() + " class(es) in the training rows, expected ≥ 2");
    }
    return new LabelEncoder(spec, List.copyOf(classes));
  }

  /** Mean and std of the task's labels on the training rows that have one. */
  private static TargetScaling fitScaling(Table table, int[] rows, LabelSpec spec) {
    float[] y = new float[rows.length], mask = new float[rows.length];
    new LabelEncoder(spec.withoutStandardising(), List.of()).encode(table, rows, y, mask);
    double[] present = new double[rows.length];
    int n = 0;
    for (int i = 0; i < rows.length; i++) if (mask[i] > 0) present[n++] = y[i];
    return TargetScaling.fit(present, n);
  }

  public int width() {
    return width;
  }

  public List<FeatureEncoder> encoders() {
    return encoders;
  }

  public List<LabelEncoder> labels() {
    return labels;
  }

  /** The fitted feature groups, or null when the inputs are one matrix. */
  public GroupedFeatures groups() {
    return groups;
  }

  /** The feature groups of {@code rows} (null without groups); {@code strictCategories} as in {@link #features}. */
  public FeatureRows groupRows(Table table, int[] rows, boolean strictCategories) {
    return groups == null ? null : groups.rows(table, rows, strictCategories);
  }

  /** Names of the model inputs in order. */
  public List<String> inputNames() {
    List<String> out = new ArrayList<>();
    for (FeatureEncoder e : encoders) out.addAll(e.outputs());
    return out;
  }

  /**
   * Model inputs [rows.length, width] of the given rows. With {@code strictCategories}, a categorical value never
   * seen in training is an error (predict) rather than the unknown bucket.
   */
  public Tensor features(Table table, int[] rows, boolean strictCategories) {
    return groups != null ? Tensor.zeros(rows.length, 0) : encode(encoders, table, rows, strictCategories);
  }

  /** {@code encoders}' outputs side by side for {@code rows} (a matrix model's inputs, or one dense group). */
  static Tensor encode(List<FeatureEncoder> encoders, Table table, int[] rows, boolean strictCategories) {
    int width = encoders.stream().mapToInt(FeatureEncoder::width).sum();
    float[] out = new float[rows.length * width];
    int offset = 0;
    for (FeatureEncoder e : encoders) {
      int col = table.require(e.column(), "input");
      float[] lookup = e.codeTable(table, col);
      if (strictCategories && e instanceof FeatureEncoder.OneHot oh) {
        for (int i = 0; i < rows.length; i++) {
          int code = table.code(col, rows[i]);
          if (oh.unknown(lookup, code)) {
            throw new DataFormatException(table.source(), table.line(rows[i]), col + 1, "column '" + e.column()
                + "' has the category '" + table.values(col).get(code) + "', unseen in training; known: "
                + abbreviate(oh.categories()) + "; to map unseen values to the unknown bucket instead, allow unknown "
                + "categories (mtl4j predict --allow-unknown)");
          }
        }
      }
      for (int i = 0; i < rows.length; i++) e.write(lookup, table.code(col, rows[i]), out, i * width + offset);
      offset += e.width();
    }
    return Tensor.of(out, rows.length, width);
  }

  /** Features and every task's labels (missing ones masked) of the given rows. */
  public Dataset dataset(Table table, int[] rows) {
    Dataset.Builder b = groups != null ? Dataset.builder(groups.rows(table, rows, false))
        : Dataset.builder(features(table, rows, false));
    for (LabelEncoder l : labels) {
      int w = l.spec().labelWidth();
      float[] y = new float[rows.length * w], m = new float[rows.length];
      l.encode(table, rows, y, m);
      b.task(l.spec().task(), w == 1 ? Tensor.of(y, rows.length) : Tensor.of(y, rows.length, w), Tensor.of(m, rows.length),
          l.scaling());
    }
    return b.build();
  }

  /**
   * Per multiclass task with any, the given rows whose label is a class unseen in training: {@link #dataset} masks
   * them, so they are left out of that task's metrics, and a caller should say how many.
   */
  public Map<String, LabelEncoder.Unseen> unseenLabels(Table table, int[] rows) {
    Map<String, LabelEncoder.Unseen> out = new LinkedHashMap<>();
    for (LabelEncoder l : labels) {
      LabelEncoder.Unseen u = l.unseen(table, rows);
      if (u.rows() > 0) out.put(l.spec().task(), u);
    }
    return out;
  }

  /** Every row index of a table. */
  public static int[] allRows(Table table) {
    int[] r = new int[table.rows()];
    for (int i = 0; i < r.length; i++) r[i] = i;
    return r;
  }

  private static String abbreviate(List<String> values) {
    return values.size() <= 12 ? values.toString() : values.subList(0, 12) + " … (" + values.size() + " in all)";
  }

  /** A plain JSON-able map tree (strings, numbers, booleans, lists, maps). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("formatVersion", FORMAT_VERSION);
    m.put("features", encoders.stream().map(FeatureEncoder::toMap).toList());
    m.put("labels", labels.stream().map(LabelEncoder::toMap).toList());
    // Only with groups, so a matrix model's saved preprocessing (and model file) is unchanged.
    if (groups != null) m.put("groups", groups.toList());
    return m;
  }

  @SuppressWarnings("unchecked")
  public static Preprocessing fromMap(Map<String, Object> m) {
    Object v = m.get("formatVersion");
    if (!(v instanceof Number n) || n.intValue() != FORMAT_VERSION) {
      throw new IllegalArgumentException("preprocessing formatVersion " + v + " is not supported (expected " + FORMAT_VERSION + ")");
    }
    List<FeatureEncoder> enc = new ArrayList<>();
    for (Object o : (List<Object>) m.get("features")) enc.add(FeatureEncoder.fromMap(new TreeMap<>((Map<String, Object>) o)));
    List<LabelEncoder> lab = new ArrayList<>();
    for (Object o : (List<Object>) m.get("labels")) lab.add(LabelEncoder.fromMap((Map<String, Object>) o));
    GroupedFeatures groups = m.containsKey("groups") ? GroupedFeatures.fromList((List<Object>) m.get("groups")) : null;
    return new Preprocessing(enc, lab, groups);
  }
}
