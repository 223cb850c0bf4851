package io.mtl4j.cli.serve;

import io.mtl4j.cli.run.ModelStore;
import io.mtl4j.cli.run.TaskPredictions;
import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.FeatureEncoder;
import io.mtl4j.data.GroupedFeatures;
import io.mtl4j.data.LabelEncoder;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.Table;
import io.mtl4j.io.ModelKey;
import io.mtl4j.task.Task;
import io.mtl4j.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model file written by {@code mtl4j train}, deep or classical, behind {@link RowModel}: the cells become a
 * {@link Table} and take the path of {@code mtl4j predict} (fitted preprocessing, then the model's predictor), and
 * like it the response holds the main tasks only (auxiliary tasks serve them during training).
 */
public final class TrainedRowModel implements RowModel {
  private static final String SOURCE = "request";

  private final ModelStore.Predicting saved;
  private final boolean allowUnknown;
  private final List<Input> inputs;
  private final List<String> names;
  private final Map<String, Object> description;

  private TrainedRowModel(Path file, ModelStore.Predicting saved, boolean allowUnknown) {
    this.saved = saved;
    this.allowUnknown = allowUnknown;
    this.inputs = inputsOf(saved.preprocessing());
    this.names = inputs.stream().map(Input::name).toList();
    this.description = describe(file, saved, inputs);
  }

  /** Loads {@code file} (checked against {@code key}, null: none) as {@code mtl4j predict} does. */
  public static TrainedRowModel load(Path file, ModelKey key, boolean allowUnknown) {
    return new TrainedRowModel(file, ModelStore.predicting(file, key), allowUnknown);
  }

  @Override
  public List<Input> inputs() {
    return inputs;
  }

  @Override
  public Map<String, Object> describe() {
    return description;
  }

  @Override
  public List<Map<String, Map<String, Object>>> predict(String[][] cells) {
    Table table = new Table(SOURCE, names, cells.length);
    for (int r = 0; r < cells.length; r++) table.add(cells[r], r + 1);
    Preprocessing p = saved.preprocessing();
    int[] all = Preprocessing.allRows(table);
    Map<String, Tensor> y;
    try {
      y = saved.predictor().predict(p.features(table, all, !allowUnknown), p.groupRows(table, all, !allowUnknown));
    } catch (DataFormatException e) {
      throw RequestException.badRequest(place(e) + detail(e));
    }
    List<Map<String, Map<String, Object>>> out = new ArrayList<>(cells.length);
    List<LabelEncoder> served = TaskPredictions.mainTasks(p, saved.tasks());
    for (int r = 0; r < cells.length; r++) {
      Map<String, Map<String, Object>> row = new LinkedHashMap<>();
      for (LabelEncoder l : served) {
        List<String> keys = TaskPredictions.names(l);
        Object[] values = TaskPredictions.values(l, y.get(l.spec().task()), r);
        Map<String, Object> task = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) task.put(keys.get(i), values[i]);
        row.put(l.spec().task(), task);
      }
      out.add(row);
    }
    return out;
  }

  /** "rows[i].column: " for the table line (row + 1) and column (index + 1) the exception names. */
  private String place(DataFormatException e) {
    String row = e.line() > 0 ? "rows[" + (e.line() - 1) + "]" : "rows";
    return e.column() > 0 ? row + "." + names.get(e.column() - 1) + ": " : row + ": ";
  }

  /** The message without the "request:line:column: " place a file reader would want. */
  private static String detail(DataFormatException e) {
    String m = e.getMessage();
    int at = m.indexOf(": ");
    return m.startsWith(SOURCE) && at >= 0 ? m.substring(at + 2) : m;
  }

  /** Input columns in preprocessing order; numeric ones are those a {@link FeatureEncoder.Numeric} reads. */
  private static List<Input> inputsOf(Preprocessing p) {
    List<Input> out = new ArrayList<>();
    if (p.groups() == null) {
      for (FeatureEncoder e : p.encoders()) out.add(new Input(e.column(), e instanceof FeatureEncoder.Numeric));
      return List.copyOf(out);
    }
    for (GroupedFeatures.Group g : p.groups().groups()) {
      if (g instanceof GroupedFeatures.Dense d) {
        for (FeatureEncoder e : d.encoders()) out.add(new Input(e.column(), e instanceof FeatureEncoder.Numeric));
      } else if (g instanceof GroupedFeatures.Categorical c) {
        c.fields().forEach(f -> out.add(new Input(f.column(), false)));
      } else if (g instanceof io.mtl4j.data.TokenGroup t) {
        out.add(new Input(t.column(), false));
      }
    }
    return List.copyOf(out);
  }

  private static Map<String, Object> describe(Path file, ModelStore.Predicting saved, List<Input> inputs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", file.getFileName().toString());
    m.put("model", saved.model());
    List<Object> tasks = new ArrayList<>();
    for (LabelEncoder l : TaskPredictions.mainTasks(saved.preprocessing(), saved.tasks())) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("name", l.spec().task());
      t.put("type", l.spec().type());
      t.put("outputs", TaskPredictions.names(l));
      if (l.spec().type().equals("multiclass")) t.put("classes", l.classes());
      t.put("metrics", saved.tasks().stream().filter(k -> k.name().equals(l.spec().task()))
          .findFirst().map(Task::metrics).orElse(List.of()));
      tasks.add(t);
    }
    m.put("tasks", tasks);
    List<Object> in = new ArrayList<>();
    for (Input i : inputs) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", i.name());
      e.put("kind", i.numeric() ? "numeric" : "text");
      in.add(e);
    }
    m.put("inputs", in);
    m.put("provenance", saved.provenance().toMap());
    return m;
  }
}
