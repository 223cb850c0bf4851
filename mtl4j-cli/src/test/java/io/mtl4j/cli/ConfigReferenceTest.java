package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.arch.Architectures;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.cli.config.ConfigLoader;
import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.cli.run.DataOptions;
import io.mtl4j.cli.run.Experiment;
import io.mtl4j.cli.run.Outputs;
import io.mtl4j.classical.Formulations;
import io.mtl4j.config.OptionBinder;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.optim.Optimizers;
import io.mtl4j.task.Losses;
import io.mtl4j.task.Task;
import io.mtl4j.weighting.Weightings;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * docs/config.md against the binding: the keys and types come from {@link RunConfig}'s records (so a key added to a
 * record and not to the page fails here), the defaults from running a config without the key and with the documented
 * value, the names from the registries.
 */
class ConfigReferenceTest {
  private static final Path PAGE = Path.of("..", "docs", "config.md");
  /** A table row: | `key` | type | default | allowed values | meaning |, with \| inside cells. */
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|(.*)$");
  private static final Pattern LITERAL = Pattern.compile("^`([^`]+)`$");
  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir Path dir;

  record Row(String key, String type, String defaultValue, String allowed) {}

  static Map<String, Row> page() throws IOException {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String line : Files.readAllLines(PAGE)) {
      Matcher m = ROW.matcher(line);
      if (!m.find()) continue;
      String[] cells = m.group(2).split("(?<!\\\\)\\|");
      rows.put(m.group(1), new Row(m.group(1), cells[0].strip(), cells[1].strip(), cells[2].strip()));
    }
    return rows;
  }

  /** Every leaf key the YAML binding accepts, with its type in the page's words; {@code []} marks list entries. */
  static Map<String, String> bound(Class<?> record, String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    for (RecordComponent c : record.getRecordComponents()) {
      String key = prefix.isEmpty() ? c.getName() : prefix + "." + c.getName();
      Class<?> raw = c.getType();
      Type[] args = c.getGenericType() instanceof ParameterizedType p ? p.getActualTypeArguments() : new Type[0];
      if (raw.isRecord()) {
        out.putAll(bound(raw, key));
      } else if (List.class.isAssignableFrom(raw) && args[0] instanceof Class<?> e && e.isRecord()) {
        out.putAll(bound(e, key + "[]"));
      } else if (List.class.isAssignableFrom(raw) && args[0] instanceof ParameterizedType p
          && Map.class.isAssignableFrom((Class<?>) p.getRawType())) {
        out.put(key, "list of mappings");
      } else if (List.class.isAssignableFrom(raw)) {
        out.put(key, "list of " + scalar((Class<?>) args[0]) + "s");
      } else if (Map.class.isAssignableFrom(raw)) {
        out.put(key, args[1] == Object.class ? "mapping" : "mapping of " + scalar((Class<?>) args[1]) + "s");
      } else {
        out.put(key, scalar(raw));
      }
    }
    return out;
  }

  private static String scalar(Class<?> c) {
    if (c == String.class) return "string";
    if (c == Integer.class || c == Long.class) return "integer";
    if (c == Double.class) return "number";
    if (c == Boolean.class) return "boolean";
    if (c == Object.class) return "boolean or mapping"; // tasks[].auxiliary: true/false, or options bound later
    throw new IllegalStateException("no word for " + c + " in docs/config.md's types: add one to the page and here");
  }

  @Test
  void describesEveryKeyTheConfigAcceptsAndNoOther() throws IOException {
    Set<String> documented = page().keySet();
    Set<String> accepted = bound(RunConfig.class, "").keySet();
    assertThat(accepted).as("keys the config accepts that docs/config.md does not describe (add a row to its table)")
        .isSubsetOf(documented);
    assertThat(documented).as("keys docs/config.md describes that the config no longer accepts").isSubsetOf(accepted);
  }

  @Test
  void givesEachKeyTheTypeItIsBoundAs() throws IOException {
    Map<String, Row> page = page();
    bound(RunConfig.class, "").forEach((key, type) -> {
      if (page.containsKey(key)) assertThat(page.get(key).type()).as("type of " + key).isEqualTo(type);
    });
  }

  @Test
  void listsTheRegistriesNames() throws IOException {
    Map<String, List<String>> registries = Map.of(
        "architecture.name", Architectures.defaults().names(),
        "weighting.name", Weightings.defaults().names(),
        "optimizer.name", Optimizers.defaults().names(),
        "tasks[].loss", Losses.defaults().names(),
        "classical.models[].formulation", Formulations.names());
    Map<String, Row> page = page();
    registries.forEach((key, names) -> assertThat(names(page.get(key).allowed())).as("names listed for " + key)
        .containsExactlyInAnyOrderElementsOf(names));
  }

  private static Set<String> names(String cell) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = Pattern.compile("`([^`]+)`").matcher(cell);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  /** For every default given as a literal: a config without the key runs exactly as one with that value. */
  @Test
  void documentedDefaultsAreTheOnesARunUses() throws IOException {
    Files.writeString(dir.resolve("data.csv"), CliFixture.csv(80, 4));
    @SuppressWarnings("unchecked")
    Map<String, Object> base = YAML.readValue(BASE, Map.class);
    List<String> checked = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    for (Row row : page().values()) {
      Matcher literal = LITERAL.matcher(row.defaultValue());
      if (!literal.find()) continue;
      Object value = YAML.readValue(literal.group(1), Object.class);
      List<Object> without = resolved(with(base, row.key(), null));
      try {
        if (!resolved(with(base, row.key(), value)).equals(without)) wrong.add(row.key() + ": " + row.defaultValue());
      } catch (RuntimeException e) {
        wrong.add(row.key() + ": " + row.defaultValue() + " (" + e.getMessage() + ")");
      }
      checked.add(row.key());
    }
    assertThat(wrong).as("documented defaults that run differently from a config without the key").isEmpty();
    assertThat(checked).as("keys whose default was checked").contains("training.epochs", "data.split.method",
        "compare.seeds", "features.scaling", "output.report");
  }

  /** A config with data, two tasks, a model and compare entries, so that every documented key has a place. */
  private static final String BASE = """
      data: {train: data.csv, split: {valid: 0.25, test: 0.25}}
      tasks:
        - {name: first, column: y1, positive: ["yes"]}
        - {name: second, type: binary, column: y2, metrics: [auc]}
      architecture: {options: {experts: 2, expertHidden: [4]}, head: {hidden: [2]}}
      optimizer: {options: {learningRate: 0.01}}
      training: {epochs: 2}
      compare: {models: [{name: single-task}, {name: mmoe}]}
      """;

  /** {@code base} with {@code key} set to {@code value} (removed when null); {@code []} means the list's first entry. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> with(Map<String, Object> base, String key, Object value) throws IOException {
    Map<String, Object> copy = YAML.readValue(YAML.writeValueAsString(base), Map.class);
    Map<String, Object> at = copy;
    String[] parts = key.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      String part = parts[i];
      if (part.endsWith("[]")) {
        at = ((List<Map<String, Object>>) at.get(part.substring(0, part.length() - 2))).get(0);
      } else {
        at = (Map<String, Object>) at.computeIfAbsent(part, k -> new LinkedHashMap<>());
      }
    }
    if (value == null) at.remove(parts[parts.length - 1]);
    else at.put(parts[parts.length - 1], value);
    return copy;
  }

  /** What a run makes of a config: read options, split, features, tasks and their metrics, model, training, compare. */
  private List<Object> resolved(Map<String, Object> config) throws IOException {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, YAML.writeValueAsString(config));
    RunConfig cfg = ConfigLoader.load(file);
    Experiment exp = Experiment.load(cfg, dir).prepare(Experiment.seedOf(cfg));
    ModelSpec spec = exp.spec(cfg.architecture());
    List<Object> out = new ArrayList<>(List.of(DataOptions.csvOptions(cfg.data()), DataOptions.splitOptions(cfg.data().split()),
        DataOptions.featureOptions(cfg.features()), Experiment.labelSpecs(cfg.tasks()),
        Arrays.toString(exp.split.train()) + Arrays.toString(exp.split.valid()) + Arrays.toString(exp.split.test()),
        spec.architecture().name(), Architectures.toMap(spec.architecture()), OptionBinder.toMap(spec.head()).toString(),
        exp.training(Experiment.seedOf(cfg), null).toMap(), CompareCommand.Settings.of(cfg, null, null, null),
        Outputs.writesReport(cfg)));
    for (Task t : spec.tasks()) out.add(List.of(t.name(), t.type().kind(), t.loss(), t.weight()));
    Evaluation e = exp.evaluateFinal(MultiTaskModel.create(spec, 1));
    for (String t : e.tasks()) out.add(e.metrics(t));
    return out;
  }
}
