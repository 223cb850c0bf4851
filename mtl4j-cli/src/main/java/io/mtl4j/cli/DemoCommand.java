package io.mtl4j.cli;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.Head;
import io.mtl4j.arch.MMoE;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.arch.SingleTask;
import io.mtl4j.cli.study.StudySetting;
import io.mtl4j.cli.terminal.TrainingProgress;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.demo.MmoeSynthetic;
import io.mtl4j.metrics.DeltaM;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.metrics.EvaluationTable;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Blas;
import io.mtl4j.train.ModelEvaluator;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains single-task, shared-bottom and MMoE on the MMoE paper's synthetic tasks (Ma et al. 2018, Sec. 3.2) and prints
 * one comparison table. Parameter budgets are matched as in the paper's Sec. 5.1.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Compare single-task, shared-bottom and MMoE on built-in synthetic data.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--correlation", defaultValue = "0.9", description = "task correlation p (default ${DEFAULT-VALUE})")
  double correlation;
  @Option(names = "--train-rows", defaultValue = "10000") int trainRows;
  @Option(names = "--task2-labelled", defaultValue = "0.1",
      description = "fraction of training rows that carry task2's label; the rest are masked (default ${DEFAULT-VALUE})")
  double task2Labelled;
  @Option(names = "--epochs", defaultValue = "60") int epochs;
  @Option(names = "--threads", description = "worker threads (default: all cores)") Integer threads;
  @Option(names = "--seeds", defaultValue = "5", description = "runs averaged, seeds 1..n (default ${DEFAULT-VALUE})")
  int seeds;
  @Option(names = "--lr", split = ",", defaultValue = "0.001,0.01",
      description = "learning rates tried; each model keeps the best on validation (paper Sec. 5.1; default ${DEFAULT-VALUE})")
  double[] learningRates;
  @picocli.CommandLine.Mixin io.mtl4j.cli.terminal.VerbosityOption verbosity = new io.mtl4j.cli.terminal.VerbosityOption();

  @Override
  public Integer call() {
    if (!(task2Labelled > 0 && task2Labelled <= 1)) {
      throw new IllegalArgumentException("--task2-labelled = " + task2Labelled + ", expected a fraction in (0, 1]");
    }
    if (seeds < 1) throw new IllegalArgumentException("--seeds = " + seeds + ", expected ≥ 1");
    int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    System.out.printf(Locale.ROOT, "mtl4j demo: 2 regression tasks (Ma et al. 2018 synthetic), correlation %.2f, 100 "
        + "inputs, %d training rows with task2 labelled on %.0f%% of them (the rest masked); mean of %d seeds; "
        + "%d threads, BLAS %s%n", correlation, trainRows, 100 * task2Labelled, seeds, workers, Blas.backend());
    Map<String, Architecture.Factory> models = new LinkedHashMap<>();
    models.put("single-task", new SingleTask.Options(57));    // 2 × 57 hidden ≈ shared-bottom's 113 (paper Sec. 5.1)
    models.put("shared-bottom", new SharedBottom.Options(113));
    models.put("mmoe", new MMoE.Options(8, 16));
    List<Task> tasks = List.of(Task.of("task1", TaskType.regression(), "mse", "r2"),
        Task.of("task2", TaskType.regression(), "mse", "r2"));
    Map<String, List<Evaluation>> results = new LinkedHashMap<>();
    Map<String, Double> seconds = new LinkedHashMap<>();
    for (long seed = 1; seed <= seeds; seed++) {
      MmoeSynthetic generator = MmoeSynthetic.draw(MmoeSynthetic.Options.paper(correlation), seed);
      Dataset train = StudySetting.dataset(generator.generate(seed * 1000 + 1, trainRows), task2Labelled, seed);
      Dataset valid = StudySetting.dataset(generator.generate(seed * 1000 + 2, 2000), 1, seed);
      Dataset test = StudySetting.dataset(generator.generate(seed * 1000 + 3, 10000), 1, seed);
      for (Map.Entry<String, Architecture.Factory> m : models.entrySet()) {
        ModelSpec spec = new ModelSpec(train.featureCount(), tasks, m.getValue(), new Head.Options(8));
        MultiTaskModel best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (double lr : learningRates) {
          TrainingConfig config = TrainingConfig.builder().epochs(epochs).batchSize(128).threads(workers).seed(seed)
              .learningRate(lr).patience(8).build();
          MultiTaskModel model = MultiTaskModel.create(spec, seed);
          String label = String.format(Locale.ROOT, "%s #%d lr=%g", m.getKey(), seed, lr);
          TrainingResult result = new Trainer(config, TrainingProgress.create(label, List.of("task1", "task2"), System.out, verbosity.value()))
              .fit(model, train, valid);
          seconds.merge(m.getKey(), result.seconds(), Double::sum);
          if (result.best().score() > bestScore) {
            bestScore = result.best().score();
            best = model;
          }
        }
        results.computeIfAbsent(m.getKey(), k -> new ArrayList<>()).add(ModelEvaluator.evaluate(best, test));
      }
    }
    List<EvaluationTable.Model> rows = new ArrayList<>();
    results.forEach((name, runs) -> rows.add(new EvaluationTable.Model(name, Evaluation.mean(runs))));
    System.out.println();
    System.out.printf("Test metrics, mean of %d seeds (lower mse, higher r2 is better; Δm%% > 0 means better than single-task):%n", seeds);
    System.out.print(EvaluationTable.format(rows, "single-task"));
    System.out.println(DeltaM.MEANING + "; baseline: single-task");
    seconds.forEach((name, s) -> System.out.printf(Locale.ROOT, "train time %-14s %.1f s%n", name, s));
    return 0;
  }
}
