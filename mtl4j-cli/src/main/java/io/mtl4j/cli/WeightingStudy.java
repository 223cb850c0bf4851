package io.mtl4j.cli;

import io.mtl4j.arch.Architectures;
import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.demo.MmoeSynthetic;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.metrics.EvaluationTable;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.train.ModelEvaluator;
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
 * Trains one architecture (MMoE by default) with each weighting method on the MMoE paper's synthetic tasks and
 * compares them: per-task test metrics, averages, Δm% against EW, and the cost per step.
 */
@Command(name = "weighting", mixinStandardHelpOptions = true,
    description = "Compare task weighting methods on synthetic data (table + PNG bar chart).")
final class WeightingStudy implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "output directory") Path out;
  @Option(names = "--methods", split = ",", description = "weightings (default: all registered)") List<String> methods;
  @Option(names = "--architecture", defaultValue = "mmoe") String architecture;
  @Option(names = "--correlation", defaultValue = "0.9") double correlation;
  @Option(names = "--train-rows", defaultValue = "10000") int trainRows;
  @Option(names = "--task2-labelled", defaultValue = "0.3") double task2Labelled;
  @Option(names = "--epochs", defaultValue = "60") int epochs;
  @Option(names = "--seeds", defaultValue = "2") int seeds;
  @Option(names = "--threads") Integer threads;
  @Option(names = "--force", description = "overwrite a non-empty output directory") boolean force;

  @Override
  public Integer call() throws IOException {
    Outputs.check(out, force);
    int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    List<String> names = methods == null ? new ArrayList<>(Weightings.names()) : methods;
    if (!names.contains("ew")) throw new IllegalArgumentException("--methods: the study needs 'ew' as its baseline");
    List<Task> tasks = List.of(Task.of("task1", TaskType.regression(), "mse", "r2"),
        Task.of("task2", TaskType.regression(), "mse", "r2"));
    Map<String, List<Evaluation>> results = new LinkedHashMap<>();
    Map<String, Double> msPerStep = new LinkedHashMap<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    StringBuilder csv = new StringBuilder("model,seed,task,metric,value\n");
    for (String method : names) {
      for (long seed = 1; seed <= seeds; seed++) {
        MmoeSynthetic generator = MmoeSynthetic.draw(MmoeSynthetic.Options.paper(correlation), seed);
        Dataset train = DemoCommand.dataset(generator.generate(seed * 1000 + 1, trainRows), task2Labelled, seed);
        Dataset valid = DemoCommand.dataset(generator.generate(seed * 1000 + 2, 2000), 1, seed);
        Dataset test = DemoCommand.dataset(generator.generate(seed * 1000 + 3, 10000), 1, seed);
        ModelSpec spec = new ModelSpec(train.featureCount(), tasks, Architectures.byName(architecture), new Head.Options(8));
        MultiTaskModel model = MultiTaskModel.create(spec, seed);
        TrainingConfig config = TrainingConfig.builder().epochs(epochs).batchSize(128).threads(workers).seed(seed)
            .learningRate(1e-3).patience(8).weighting(method).build();
        StepClock clock = new StepClock();
        try {
          new Trainer(config, clock, TrainingProgress.create(method + " #" + seed, List.of("task1", "task2"),
              System.out)).fit(model, train, valid);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
          skipped.put(method, e.getMessage());
          break;
        }
        Evaluation evaluation = ModelEvaluator.evaluate(model, test);
        results.computeIfAbsent(method, k -> new ArrayList<>()).add(evaluation);
        msPerStep.merge(method, clock.msPerStep() / seeds, Double::sum);
        for (Evaluation.Score s : evaluation.scores()) {
          csv.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%.6g%n", method, seed, s.task(), s.metric(), s.value()));
        }
      }
    }
    if (!results.containsKey("ew")) throw new IllegalStateException("the EW baseline did not train: " + skipped.get("ew"));
    List<EvaluationTable.Model> rows = new ArrayList<>();
    results.forEach((name, runs) -> rows.add(new EvaluationTable.Model(name, Evaluation.mean(runs))));
    String table = EvaluationTable.format(rows, "ew");
    StringBuilder summary = new StringBuilder(table).append('\n');
    msPerStep.forEach((m, ms) -> summary.append(String.format(Locale.ROOT, "ms/step %-12s %.3f%n", m, ms)));
    skipped.forEach((m, why) -> summary.append("skipped ").append(m).append(": ").append(why).append('\n'));
    Files.createDirectories(out);
    Outputs.writeString(out.resolve("weighting.csv"), csv.toString());
    Outputs.writeString(out.resolve("summary.txt"), summary.toString());
    chart(rows, msPerStep, out.resolve("delta-m.png"));
    System.out.println();
    System.out.print(summary);
    return 0;
  }

  /** Mean time between consecutive steps of one epoch: the step cost without validation passes. */
  private static final class StepClock implements io.mtl4j.train.TrainingListener {
    private long last;
    private int lastEpoch = -1;
    private long total;
    private long count;

    @Override
    public void onStep(int epoch, long step, double[] losses) {
      long now = System.nanoTime();
      // The first epoch runs while the JIT compiles; it is left out.
      if (epoch == lastEpoch && epoch > 0) {
        total += now - last;
        count++;
      }
      last = now;
      lastEpoch = epoch;
    }

    double msPerStep() {
      return count == 0 ? Double.NaN : total / 1e6 / count;
    }
  }

  /** Δm% against EW per method, as bars. */
  private static void chart(List<EvaluationTable.Model> rows, Map<String, Double> msPerStep, Path file) throws IOException {
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
    chart.getStyler().setXAxisLabelRotation(45);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    chart.addSeries("Δm%", names, delta);
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".delta-m", ".png");
    try {
      BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
