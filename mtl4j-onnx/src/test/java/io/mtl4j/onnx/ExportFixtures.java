package io.mtl4j.onnx;

import io.mtl4j.arch.AdversarialSharedPrivate;
import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.Architectures;
import io.mtl4j.arch.CrossStitch;
import io.mtl4j.arch.Head;
import io.mtl4j.arch.LTB;
import io.mtl4j.arch.MMoE;
import io.mtl4j.arch.MTAN;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.PLE;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.arch.SingleTask;
import io.mtl4j.arch.SoftSharing;
import io.mtl4j.data.FeatureOptions;
import io.mtl4j.data.LabelEncoder;
import io.mtl4j.data.LabelSpec;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.Table;
import io.mtl4j.data.read.CsvSource;
import io.mtl4j.nn.Activation;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Seeded raw CSV files with every kind of input column (standardised, log and min-max numbers with missing values,
 * one-hot and hashed categories with unseen ones) and label columns for every task type, and models over them whose parameters
 * are all perturbed away from their initial values (biases and stitch offsets start at zero).
 */
final class ExportFixtures {
  static final List<String> TASK_KINDS = List.of("binary", "multiclass", "regression", "multilabel");
  /** The product task of kind "product": its probability is clicked's times liked's. */
  static final String PRODUCT = "both";

  private ExportFixtures() {}

  /** The architectures under test, by name, with small but non-trivial options (deep experts, other activations). */
  static Map<String, Architecture.Factory> architectures() {
    Map<String, Architecture.Factory> m = new LinkedHashMap<>();
    m.put("single-task", new SingleTask.Options(new int[] {8, 6}, Activation.TANH, 0.2));
    m.put("shared-bottom", new SharedBottom.Options(new int[] {12, 8}, Activation.GELU, 0.1));
    m.put("mmoe", new MMoE.Options(4, new int[] {8, 6}, Activation.RELU, 0.1));
    m.put("omoe", new MMoE.Options(3, 8).withGate(MMoE.Gate.SHARED));
    m.put("dselect-k", new MMoE.Options(4, new int[] {8, 5}, Activation.RELU, 0, MMoE.Gate.DSELECT, 2, 1.0));
    m.put("cgc", new PLE.Options(1, 2, 1, 8));
    m.put("ple", new PLE.Options(2, 2, 2, new int[] {8, 6}, Activation.RELU, 0));
    m.put("cross-stitch", new CrossStitch.Options(new int[] {8, 6}, Activation.RELU, 0, 0.8));
    m.put("mtan", new MTAN.Options(new int[] {8, 6}, Activation.SIGMOID, 0));
    m.put("soft-sharing", new SoftSharing.Options(SoftSharing.Penalty.L2_TIE, 1e-3, 8, 6));
    m.put("adversarial-shared-private", new AdversarialSharedPrivate.Options(new int[] {8, 6}, new int[] {5},
        Activation.TANH, 0.1, 0.05, 0.01));
    m.put("ltb", new LTB.Options(new int[] {8, 6, 5}, Activation.TANH, 5, 1, 10, true));
    if (!m.keySet().containsAll(Architectures.names())) throw new IllegalStateException("an architecture is not tested");
    return m;
  }

  /**
   * A CSV of {@code rows} rows; every 7th row has a missing number, every 11th a category (and a tag) unseen in others.
   * Two more columns feed feature groups and are dropped from the matrix models: {@code tags}, a multi-hot cell
   * ("news|tech", sometimes empty), and {@code review}, free text of 0 to 12 words, sometimes empty or punctuation only.
   */
  static Path csv(Path dir, String name, int rows, long seed) {
    Random r = new Random(seed);
    Random text = new Random(seed + 7); // its own stream: the other columns stay as they were without the text ones
    StringBuilder sb = new StringBuilder("age,income,ratio,colour,city,y_bin,y_cls,y_reg,y_tag1,y_tag2,tags,review\n");
    String[] colours = {"red", "green", "blue", "black"};
    String[] classes = {"low", "mid", "high"};
    for (int i = 0; i < rows; i++) {
      double age = 20 + 40 * r.nextDouble(), income = Math.exp(8 + 2 * r.nextGaussian()) - 500, ratio = r.nextDouble();
      String colour = i % 11 == 5 ? "purple" : colours[r.nextInt(colours.length)];
      String city = "city" + r.nextInt(30);
      double signal = 0.05 * (age - 40) + 0.3 * r.nextGaussian();
      sb.append(i % 7 == 3 ? "" : fmt(age)).append(',').append(i % 13 == 4 ? "NA" : fmt(income)).append(',')
          .append(fmt(ratio)).append(',').append(i % 17 == 9 ? "" : colour).append(',').append(city).append(',')
          .append(signal > 0 ? 1 : 0).append(',').append(classes[r.nextInt(3)]).append(',')
          .append(fmt(1000 + 250 * signal + 40 * r.nextGaussian())).append(',').append(r.nextInt(2)).append(',')
          .append(ratio > 0.5 ? 1 : 0).append(',').append(tags(text, i)).append(',').append(review(text, i))
          .append('\n');
    }
    Path file = dir.resolve(name);
    try {
      Files.writeString(file, sb.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static String tags(Random r, int row) {
    if (row % 19 == 3) return "";
    String[] tags = {"news", "tech", "music", "sports", "food"};
    StringBuilder sb = new StringBuilder(row % 11 == 5 ? "unseen" : "");
    for (int k = r.nextInt(4); k > 0; k--) sb.append(sb.length() > 0 ? "|" : "").append(tags[r.nextInt(tags.length)]);
    return sb.toString();
  }

  private static String review(Random r, int row) {
    if (row % 9 == 2) return "";
    if (row % 23 == 6) return "\"!!!\"";
    StringBuilder sb = new StringBuilder();
    for (int k = r.nextInt(13); k > 0; k--) {
      sb.append(sb.length() > 0 ? " " : "").append(r.nextInt(5) == 0 ? "Great" : "w" + r.nextInt(r.nextInt(3) == 0 ? 200 : 20));
    }
    return sb.toString();
  }

  static Table read(Path csv) {
    return new CsvSource(CsvSource.Options.defaults()).read(csv);
  }

  /** Preprocessing fitted on the rows without an unseen colour: "purple" stays unknown in the others. */
  static Preprocessing fit(Table table, List<String> kinds) {
    return Preprocessing.fit(table, trainRows(table), features(), labels(kinds));
  }

  /** The label columns of {@code kinds}' tasks. */
  static List<LabelSpec> labels(List<String> kinds) {
    List<LabelSpec> labels = new ArrayList<>();
    for (String k : kinds) {
      switch (k) {
        case "binary" -> labels.add(new LabelSpec("clicked", "binary", List.of("y_bin"), List.of(), null));
        case "multiclass" -> labels.add(new LabelSpec("segment", "multiclass", List.of("y_cls"), List.of(), null));
        case "multilabel" -> labels.add(new LabelSpec("tags", "multilabel", List.of("y_tag1", "y_tag2"), List.of(), null));
        case "product" -> { // with "binary": clicked, liked, and both = clicked × liked (a product task)
          labels.add(new LabelSpec("liked", "binary", List.of("y_tag1"), List.of(), null));
          labels.add(new LabelSpec(PRODUCT, "binary", List.of("y_tag2"), List.of(), null));
        }
        default -> labels.add(new LabelSpec("spend", "regression", List.of("y_reg"), List.of(), null, true));
      }
    }
    return labels;
  }

  /** Every scaling, one-hot columns; the labels and the feature groups' columns dropped. */
  static FeatureOptions features() {
    return new FeatureOptions(null, List.of("y_bin", "y_cls", "y_reg", "y_tag1", "y_tag2", "tags", "review"), null, null,
        "standardise", Map.of("income", "log", "ratio", "minmax"), "onehot", 10, 16, 1);
  }

  /** The rows without the unseen colour (and tag). */
  static int[] trainRows(Table table) {
    int colour = table.indexOf("colour");
    return java.util.stream.IntStream.range(0, table.rows())
        .filter(i -> table.code(colour, i) < 0 || !table.values(colour).get(table.code(colour, i)).equals("purple"))
        .toArray();
  }

  /** A model of {@code arch} over {@code p}'s inputs and tasks, every parameter moved by seeded noise. */
  static MultiTaskModel model(Architecture.Factory arch, Preprocessing p, long seed) {
    return perturbed(MultiTaskModel.create(new ModelSpec(p.width(), tasks(p), arch, new Head.Options(5)), seed), seed);
  }

  /** The tasks of {@code p}'s labels. */
  static List<Task> tasks(Preprocessing p) {
    List<Task> tasks = new ArrayList<>();
    for (LabelEncoder l : p.labels()) {
      TaskType type = switch (l.spec().type()) {
        case "binary" -> TaskType.binary();
        case "multiclass" -> TaskType.multiclass(l.classes().size());
        case "multilabel" -> TaskType.multilabel(l.spec().columns().size());
        default -> TaskType.regression();
      };
      Task task = Task.of(l.spec().task(), type);
      tasks.add(l.spec().task().equals(PRODUCT) ? task.withProductOf("clicked", "liked") : task);
    }
    return tasks;
  }

  /**
   * {@code model} with every value moved by seeded noise; a running variance (batch norm) is then moved to 0.5 + |v|
   * to stay positive.
   */
  /**
   * Learning to Branch's tree, state not weights, gets a valid fixed tree (parent + 1 per node), drawn from the seed;
   * even seeds keep it unfixed, so the argmax tree of the perturbed logits is exported.
   */
  private static void fixLearntTree(MultiTaskModel model, long seed) {
    if (!model.spec().architecture().name().equals("ltb")) return;
    io.mtl4j.nn.ParameterBuffer buffer = model.parameters();
    io.mtl4j.nn.Parameter tree = buffer.get("ltb.tree");
    int tasks = buffer.get("ltb.alpha").shape()[1];
    Random r = new Random(seed + 2);
    for (int i = tree.offset(); i < tree.offset() + tree.size(); i++) {
      buffer.values()[i] = seed % 2 == 0 ? 0 : 1 + r.nextInt(tasks);
    }
  }

  static MultiTaskModel perturbed(MultiTaskModel model, long seed) {
    float[] v = model.parameters().values();
    Random r = new Random(seed + 1);
    for (int i = 0; i < v.length; i++) v[i] += (float) (0.2 * r.nextGaussian());
    for (io.mtl4j.nn.Parameter p : model.parameters().parameters()) {
      if (!p.name().endsWith(".running_var")) continue;
      for (int i = p.offset(); i < p.offset() + p.size(); i++) v[i] = 0.5f + Math.abs(v[i]);
    }
    fixLearntTree(model, seed);
    return model;
  }

  /** What {@code mtl4j predict} computes for every row: probabilities, and regression values in the target's units. */
  static Map<String, float[]> predict(MultiTaskModel model, Preprocessing p, Table table) {
    int[] all = Preprocessing.allRows(table);
    Map<String, Tensor> pred = model.predict(p.features(table, all, false), p.groupRows(table, all, false), 64);
    Map<String, float[]> out = new LinkedHashMap<>();
    for (LabelEncoder l : p.labels()) {
      float[] y = pred.get(l.spec().task()).toArray();
      for (int i = 0; i < y.length; i++) y[i] = l.original(y[i]);
      out.put(l.spec().task(), y);
    }
    return out;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
