package io.mtl4j.cli.run;

import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.cli.terminal.ReadProgress;
import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.FeatureOptions;
import io.mtl4j.data.LabelEncoder;
import io.mtl4j.data.LabelSpec;
import io.mtl4j.data.MultiInputData;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.Split;
import io.mtl4j.data.Table;
import io.mtl4j.data.read.CsvSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import io.mtl4j.task.Task;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Multi-input data of a config: each task has its own rows (picked by {@code data.taskColumn}, or one file per task),
 * split within the task. The features' preprocessing is fitted on the union of all tasks' training rows, each task's
 * labels on its own training rows.
 */
public final class MultiInput {
  private MultiInput() {}

  public static boolean hasTaskFiles(RunConfig config) {
    return config.tasks().stream().anyMatch(t -> t != null && t.file() != null);
  }

  /** Every task file read into one table (same columns in all), with each task's rows in it. */
  static Experiment.Loaded readTaskFiles(RunConfig config, Path dataDir, long t0) {
    RunConfig.Data d = config.data();
    if (d.taskColumn() != null) throw new IllegalArgumentException("give data.taskColumn or tasks[].file, not both");
    if (d.train() != null || d.valid() != null || d.test() != null) {
      throw new IllegalArgumentException("with tasks[].file, leave out data.train/valid/test: each task's file is split "
          + "as data.split says");
    }
    CsvSource source = new CsvSource(DataOptions.csvOptions(d));
    Path base = DataFiles.base(d, dataDir);
    List<String> files = config.tasks().stream().map(t -> String.valueOf(t.file())).toList();
    Table all = null;
    String first = null;
    Map<String, int[]> rows = new LinkedHashMap<>();
    for (RunConfig.TaskEntry t : config.tasks()) {
      if (t.file() == null) {
        throw new IllegalArgumentException("tasks." + t.name() + ".file is missing: give every task a file, or none");
      }
      Path file = DataFiles.resolve(base, t.file());
      if (!Files.isRegularFile(file)) throw new IllegalArgumentException("tasks." + t.name() + ".file: " + file + " does not exist");
      Table table;
      try (ReadProgress progress = ReadProgress.create(t.file())) {
        table = source.read(file, progress);
      }
      if (table.rows() == 0) throw new DataFormatException(table.source(), 0, 0, "task '" + t.name() + "''s file has no data rows");
      if (all == null) {
        // Error messages about the joined rows name every file; line numbers stay those of each row's own file.
        all = new Table(String.join(" + ", files), table.names());
        first = t.name();
      } else if (!table.names().equals(all.names())) {
        throw new DataFormatException(table.source(), 1, 0, "columns " + table.names() + " differ from those of task '"
            + first + "''s file " + all.names());
      }
      if (rows.put(t.name(), Experiment.append(all, table)) != null) {
        throw new IllegalArgumentException("tasks: the name '" + t.name() + "' is given twice");
      }
    }
    return new Experiment.Loaded(PretrainedTables.resolveFiles(config, base), all, null, rows,
        (System.nanoTime() - t0) / 1e9);
  }

  /** Each task's rows: those whose task column holds the task's name, or one of its {@code values}. */
  static Map<String, int[]> byTaskColumn(Table table, RunConfig config) {
    String column = config.data().taskColumn();
    int col = table.require(column, "data.taskColumn");
    List<RunConfig.TaskEntry> tasks = config.tasks();
    Map<String, Integer> taskOfValue = new HashMap<>();
    for (int i = 0; i < tasks.size(); i++) {
      RunConfig.TaskEntry t = tasks.get(i);
      for (String v : t.values() == null ? List.of(t.name()) : t.values()) {
        Integer before = taskOfValue.put(v, i);
        if (before != null && before != i) {
          throw new IllegalArgumentException("tasks." + t.name() + ".values: '" + v + "' already means task '"
              + tasks.get(before).name() + "'");
        }
      }
    }
    List<String> values = table.values(col);
    int[] taskOfCode = new int[values.size()];
    for (int code = 0; code < values.size(); code++) {
      Integer task = taskOfValue.get(values.get(code));
      if (task == null) {
        throw new DataFormatException(table.source(), table.line(table.firstRowWith(col, code)), col + 1, "task column '"
            + column + "' has '" + values.get(code) + "', which is no task's name or value; tasks: "
            + tasks.stream().map(RunConfig.TaskEntry::name).toList() + " (list a task's values under tasks[].values)");
      }
      taskOfCode[code] = task;
    }
    List<List<Integer>> rows = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) rows.add(new ArrayList<>());
    for (int r = 0; r < table.rows(); r++) {
      int code = table.code(col, r);
      if (code < 0) throw new DataFormatException(table.source(), table.line(r), col + 1, "task column '" + column + "' is empty");
      rows.get(taskOfCode[code]).add(r);
    }
    Map<String, int[]> out = new LinkedHashMap<>();
    for (int i = 0; i < tasks.size(); i++) {
      if (rows.get(i).isEmpty()) {
        throw new DataFormatException(table.source(), 0, col + 1, "no row of task column '" + column + "' holds task '"
            + tasks.get(i).name() + "' (values " + (tasks.get(i).values() == null ? List.of(tasks.get(i).name()) : tasks.get(i).values()) + ")");
      }
      out.put(tasks.get(i).name(), rows.get(i).stream().mapToInt(Integer::intValue).toArray());
    }
    return out;
  }

  /** Splits each task's rows on its own (seeded from {@code seed}), fits the preprocessing and builds the data. */
  static Experiment prepare(Experiment.Loaded loaded, long seed) {
    long t1 = System.nanoTime();
    RunConfig config = loaded.config();
    RunConfig.Data d = config.data();
    Table table = loaded.table();
    SplittableRandom seeds = new SplittableRandom(seed);
    Split.Options options = DataOptions.splitOptions(d.split());
    // Groups are split once over every task's rows: split per task, a group could train one task and test another.
    Split whole = options.grouped() ? Experiment.split(table, loaded.fixed(), d, seed) : null;
    Map<String, Split> splits = new LinkedHashMap<>();
    for (Map.Entry<String, int[]> e : loaded.taskRows().entrySet()) {
      long taskSeed = seeds.nextLong();
      Split s;
      if (whole != null) {
        s = restricted(whole, e.getValue());
      } else if (loaded.fixed() == null) {
        s = Split.of(table, e.getValue(), options, taskSeed);
      } else {
        s = Experiment.split(table, restricted(loaded.fixed(), e.getValue()), d, taskSeed);
      }
      if (s.train().length == 0) {
        throw new IllegalArgumentException("task '" + e.getKey() + "' has no training rows after the split (" + e.getValue().length + " rows)");
      }
      splits.put(e.getKey(), s);
    }
    Split union = new Split(union(splits, Split::train), union(splits, Split::valid), union(splits, Split::test));
    List<LabelSpec> specs = Experiment.labelSpecs(config.tasks());
    FeatureOptions features = withoutTaskColumn(DataOptions.featureOptions(config.features()), d.taskColumn());
    // Feature groups (vocabularies included) are fitted on every task's training rows: one shared table for all.
    Preprocessing shared = Preprocessing.fit(table, union.train(), features, specs, Experiment.inputGroups(config));
    List<LabelEncoder> labels = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      // A multiclass task's classes are those of its own training rows, not of every task's rows. A standardised
      // target keeps the statistics of its column over all tasks' training rows: tasks that share a label column
      // (School's score) then share one scale, and standardising does not re-weight them against each other.
      boolean ownClasses = specs.get(i).type().equals("multiclass");
      labels.add(!ownClasses ? shared.labels().get(i)
          : Preprocessing.fit(table, splits.get(specs.get(i).task()).train(), features, List.of(specs.get(i))).labels().get(0));
    }
    Preprocessing p = new Preprocessing(shared.encoders(), labels, shared.groups());
    List<Task> tasks = Experiment.tasks(config, p);
    MultiInputData train = data(p, table, splits, Split::train, "training", tasks, AuxiliaryEntries.partSeed(seed, 0));
    MultiInputData valid = data(p, table, splits, Split::valid, "validation", tasks, AuxiliaryEntries.partSeed(seed, 1));
    MultiInputData test = data(p, table, splits, Split::test, "test", tasks, AuxiliaryEntries.partSeed(seed, 2));
    return new Experiment(config, table, union, p, null, null, null, train, valid, test, loaded.readSeconds(),
        (System.nanoTime() - t1) / 1e9);
  }

  /**
   * Each task's test rows among {@code part}, encoded with {@code p} (each with only its own task's labels, or its
   * targets from the input as the run with {@code seed} drew them on its test part).
   */
  public static MultiInputData encodeTest(Preprocessing p, Table table, Map<String, int[]> taskRows, int[] part,
                                          List<Task> tasks, long seed) {
    int[] sortedPart = part.clone();
    Arrays.sort(sortedPart);
    Map<String, Dataset> perTask = new LinkedHashMap<>();
    for (Map.Entry<String, int[]> e : taskRows.entrySet()) {
      perTask.put(e.getKey(), own(p, e.getKey(), common(e.getValue(), sortedPart), table, tasks,
          AuxiliaryEntries.partSeed(seed, 2)));
    }
    return MultiInputData.of(perTask);
  }

  /**
   * {@code task}'s {@code rows} encoded with only its own labels; a task whose targets come from the input has none
   * and gets those targets, drawn from {@code seed}.
   */
  private static Dataset own(Preprocessing p, String task, int[] rows, Table table, List<Task> tasks, long seed) {
    List<LabelEncoder> label = p.labels().stream().filter(l -> l.spec().task().equals(task)).toList();
    Dataset d = new Preprocessing(p.encoders(), label, p.groups()).dataset(table, rows);
    return AuxiliaryEntries.fill(d, tasks.stream().filter(t -> t.name().equals(task)).toList(), seed);
  }

  /** Total rows over the tasks (0 for none). */
  static int rows(MultiInputData data) {
    if (data == null) return 0;
    int n = 0;
    for (String t : data.tasks()) n += data.get(t).rows();
    return n;
  }

  /** The fixed parts' rows that belong to a task. */
  private static Split restricted(Split fixed, int[] rows) {
    return new Split(common(fixed.train(), rows), common(fixed.valid(), rows), common(fixed.test(), rows));
  }

  private static int[] common(int[] part, int[] sortedRows) {
    return Arrays.stream(part).filter(r -> Arrays.binarySearch(sortedRows, r) >= 0).toArray();
  }

  private static int[] union(Map<String, Split> splits, Function<Split, int[]> part) {
    int[] out = splits.values().stream().flatMapToInt(s -> Arrays.stream(part.apply(s))).toArray();
    Arrays.sort(out);
    return out;
  }

  /** The task column names the task, which the model's heads already know: it is no input unless asked for. */
  private static FeatureOptions withoutTaskColumn(FeatureOptions o, String taskColumn) {
    if (taskColumn == null || o.include().contains(taskColumn) || o.drop().contains(taskColumn)) return o;
    List<String> drop = new ArrayList<>(o.drop());
    drop.add(taskColumn);
    return new FeatureOptions(o.include(), drop, o.numeric(), o.categorical(), o.scaling(), o.scalingByColumn(),
        o.encoding(), o.maxCategories(), o.hashBuckets(), o.minCount());
  }

  /**
   * One part of every task's rows, each with only its own task's labels; null when every task's part is empty. A part
   * empty for some tasks only is an error: validation and test metrics need every task.
   */
  private static MultiInputData data(Preprocessing p, Table table, Map<String, Split> splits, Function<Split, int[]> part,
                                     String name, List<Task> tasks, long seed) {
    if (splits.values().stream().allMatch(s -> part.apply(s).length == 0)) return null;
    Map<String, Dataset> perTask = new LinkedHashMap<>();
    for (Map.Entry<String, Split> e : splits.entrySet()) {
      int[] rows = part.apply(e.getValue());
      if (rows.length == 0) {
        throw new IllegalArgumentException("task '" + e.getKey() + "' has no " + name + " rows (the other tasks have "
            + "some): give it more rows, or change data.split");
      }
      perTask.put(e.getKey(), own(p, e.getKey(), rows, table, tasks, seed));
    }
    return MultiInputData.of(perTask);
  }
}
