package io.mtl4j.cli.study;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.cli.run.Outputs;
import io.mtl4j.cli.terminal.TrainingProgress;
import io.mtl4j.metrics.DeltaM;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.metrics.EvaluationTable;
import io.mtl4j.task.Task;
import io.mtl4j.train.NonFiniteLossException;
import io.mtl4j.train.StepRecord;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.weighting.Weightings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains one model with each weighting method and compares them: per-task test metrics, averages, Δm% against EW,
 * and the cost per step. The data and model are the MMoE paper's synthetic tasks with MMoE, or, with
 * {@code --config}, the config's data, preprocessing, split, tasks, architecture and training settings.
 */
@Command(name = "weighting", mixinStandardHelpOptions = true,
    description = "Compare task weighting methods on synthetic data or a config's data (table + PNG bar chart).")
public final class WeightingStudy implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "output directory") Path out;
  @Option(names = {"-c", "--config"}, description = "YAML run config (data, tasks, architecture, training); default: synthetic tasks")
  Path config;
  @Option(names = "--data-dir", description = "directory the config's data files are relative to") Path dataDir;
  @Option(names = "--methods", split = ",", description = "weightings (default: all registered)") List<String> methods;
  @Option(names = "--epochs", description = "training epochs (default: 60 synthetic, training.epochs with --config)") Integer epochs;
  @Option(names = "--seeds", defaultValue = "2", description = "seeds 1..n, each a new split (or sample) and initialisation") int seeds;
  @Option(names = "--threads", description = "training threads (default: all cores; with --config, training.threads)") Integer threads;
  @Option(names = "--representation-gradients", description = "gradient methods use the shared representation's "
      + "per-task gradients (LibMTL's rep_grad; methods that need parameter gradients are then skipped)")
  boolean representationGradients;
  @Option(names = "--force", description = "overwrite a non-empty output directory") boolean force;
  @picocli.CommandLine.Mixin io.mtl4j.cli.terminal.VerbosityOption verbosity = new io.mtl4j.cli.terminal.VerbosityOption();
  @Option(names = "--architecture", description = "synthetic only (default: mmoe)") String architecture;
  @Option(names = "--correlation", description = "synthetic only: task correlation (default: 0.9)") Double correlation;
  @Option(names = "--train-rows", description = "synthetic only (default: 10000)") Integer trainRows;
  @Option(names = "--task2-labelled", description = "synthetic only: labelled fraction of task2 (default: 0.3)") Double task2Labelled;

  @Override
  public Integer call() throws IOException {
    Outputs.check(out, force);
    if (seeds < 1) throw new IllegalArgumentException("--seeds = " + seeds + ", expected ≥ 1");
    List<String> names = methods == null ? new ArrayList<>(Weightings.names()) : methods;
    if (!names.contains("ew")) throw new IllegalArgumentException("--methods: the study needs 'ew' as its baseline");
    for (String m : names) Weightings.create(m, Map.of());
    StudySetting setting = setting();
    Map<String, List<Evaluation>> results = new LinkedHashMap<>();
    Map<String, List<Double>> msPerStep = new LinkedHashMap<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    Map<String, String> diverged = new LinkedHashMap<>();
    StringBuilder csv = new StringBuilder("model,seed,task,metric,value\n");
    for (long seed = 1; seed <= seeds; seed++) {
      StudySetting.Seed data = setting.seed(seed);
      List<String> taskNames = data.spec().tasks().stream().map(Task::name).toList();
      for (String method : names) {
        if (skipped.containsKey(method) || diverged.containsKey(method)) continue;
        MultiTaskModel model = MultiTaskModel.create(data.spec(), seed);
        StepClock clock = new StepClock();
        try {
          data.fit(new Trainer(training(data, method), clock, TrainingProgress.create(method + " #" + seed, taskNames, System.out, verbosity.value())), model);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
          skipped.put(method, e.getMessage());
          continue;
        } catch (NonFiniteLossException e) {
          // A diverging method is a result of the study, not a failure of it; its other seeds are not run.
          diverged.put(method, "seed " + seed + ": " + e.getMessage());
          continue;
        }
        Evaluation evaluation = data.test(model);
        results.computeIfAbsent(method, k -> new ArrayList<>()).add(evaluation);
        msPerStep.computeIfAbsent(method, k -> new ArrayList<>()).add(clock.msPerStep());
        for (Evaluation.Score s : evaluation.scores()) {
          csv.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%.6g%n", method, seed, s.task(), s.metric(), s.value()));
        }
      }
    }
    results.keySet().removeIf(diverged::containsKey);
    if (!results.containsKey("ew")) {
      throw new IllegalStateException("the EW baseline did not train: " + skipped.getOrDefault("ew", diverged.get("ew")));
    }
    List<EvaluationTable.Model> rows = new ArrayList<>();
    results.forEach((name, runs) -> rows.add(new EvaluationTable.Model(name, Evaluation.mean(runs))));
    List<String> ms = rows.stream().map(r -> String.format(Locale.ROOT, "%.3f",
        msPerStep.get(r.name()).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN))).toList();
    StringBuilder summary = new StringBuilder("Weighting study: ").append(setting.description()).append('\n')
        .append(String.format(Locale.ROOT, "Test metrics, mean of %d seed%s; Δm%% against EW (> 0: better); ms/step without the first epoch%n",
            seeds, seeds == 1 ? "" : "s"))
        .append(withColumn(EvaluationTable.format(rows, "ew"), "ms/step", ms))
        .append(DeltaM.MEANING).append("; baseline: ew\n");
    skipped.forEach((m, why) -> summary.append("skipped ").append(m).append(": ").append(why).append('\n'));
    diverged.forEach((m, why) -> summary.append("diverged ").append(m).append(": ").append(why).append('\n'));
    Files.createDirectories(out);
    Outputs.writeString(out.resolve("weighting.csv"), csv.toString());
    Outputs.writeString(out.resolve("summary.txt"), summary.toString());
    chart(rows, out.resolve("delta-m.png"));
    System.out.println();
    System.out.print(summary);
    return 0;
  }

  private TrainingConfig training(StudySetting.Seed data, String method) {
    TrainingConfig t = data.training(method);
    return representationGradients ? t.toBuilder().representationGradients(true).build() : t;
  }

  private StudySetting setting() {
    if (config == null) {
      if (dataDir != null) throw new IllegalArgumentException("--data-dir needs --config (the synthetic study reads no files)");
      return StudySetting.synthetic(architecture == null ? "mmoe" : architecture, correlation == null ? 0.9 : correlation,
          trainRows == null ? 10000 : trainRows, task2Labelled == null ? 0.3 : task2Labelled, epochs == null ? 60 : epochs,
          threads == null ? Runtime.getRuntime().availableProcessors() : threads);
    }
    List<String> synthetic = new ArrayList<>();
    if (architecture != null) synthetic.add("--architecture");
    if (correlation != null) synthetic.add("--correlation");
    if (trainRows != null) synthetic.add("--train-rows");
    if (task2Labelled != null) synthetic.add("--task2-labelled");
    if (!synthetic.isEmpty()) {
      throw new IllegalArgumentException(String.join(", ", synthetic) + " only apply to the synthetic study; with --config "
          + "the data and model come from the config");
    }
    return StudySetting.config(config, dataDir, epochs, threads);
  }

  /** {@code table} (as {@link EvaluationTable#format} renders it: header, rule, one line per row) with one more column. */
  static String withColumn(String table, String header, List<String> values) {
    String[] lines = table.split("\n");
    int width = Math.max(header.length(), values.stream().mapToInt(String::length).max().orElse(0));
    int left = java.util.Arrays.stream(lines).mapToInt(String::length).max().orElse(0);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      String cell = i == 0 ? header : i == 1 ? "-".repeat(width) : values.get(i - 2);
      sb.append(String.format(Locale.ROOT, "%-" + left + "s  %" + width + "s%n", lines[i], cell));
    }
    return sb.toString();
  }

  /** Mean time between consecutive steps of one epoch: the step cost without validation passes. */
  private static final class StepClock implements io.mtl4j.train.TrainingListener {
    private long last;
    private int lastEpoch = -1;
    private long total;
    private long count;
    private long firstTotal;
    private long firstCount;

    @Override
    public void onStep(StepRecord record) {
      long now = System.nanoTime();
      int epoch = record.epoch();
      // The first epoch runs while the JIT compiles; it counts only when the run has no other.
      if (epoch == lastEpoch && epoch > 0) {
        total += now - last;
        count++;
      } else if (epoch == lastEpoch) {
        firstTotal += now - last;
        firstCount++;
      }
      last = now;
      lastEpoch = epoch;
    }

    double msPerStep() {
      return count > 0 ? total / 1e6 / count : firstCount > 0 ? firstTotal / 1e6 / firstCount : Double.NaN;
    }
  }

  /** Δm% against EW per method, as bars. */
  private static void chart(List<EvaluationTable.Model> rows, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Evaluation base = rows.stream().filter(r -> r.name().equals("ew")).findFirst().orElseThrow().evaluation();
    List<String> names = new ArrayList<>();
    List<Double> delta = new ArrayList<>();
    for (EvaluationTable.Model r : rows) {
      names.add(r.name());
      delta.add(r.evaluation().deltaM(base));
    }
    CategoryChart chart = new CategoryChartBuilder().width(900).height(420).title("Δm% against EW (higher is better)")
        .xAxisTitle("weighting").yAxisTitle("Δm%").build();
    chart.getStyler().setLegendVisible(false);
    // Vertical labels, and a label at every bar: XChart otherwise names only every k-th category.
    chart.getStyler().setXAxisLabelRotation(90);
    chart.getStyler().setXAxisTickMarkSpacingHint(1);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    chart.addSeries("Δm%", names, delta);
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".delta-m", ".png");
    try {
      BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
      Outputs.readable(tmp);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
