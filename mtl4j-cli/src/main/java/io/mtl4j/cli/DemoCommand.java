package io.mtl4j.cli;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.Head;
import io.mtl4j.arch.MMoE;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.arch.SingleTask;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.demo.MmoeSynthetic;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Blas;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.ModelEvaluator;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
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
  @Option(names = "--seed", defaultValue = "1") long seed;

  @Override
  public Integer call() {
    int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    MmoeSynthetic generator = MmoeSynthetic.draw(MmoeSynthetic.Options.paper(correlation), seed);
    if (!(task2Labelled > 0 && task2Labelled <= 1)) {
      throw new IllegalArgumentException("--task2-labelled = " + task2Labelled + ", expected a fraction in (0, 1]");
    }
    Dataset train = dataset(generator.generate(seed + 1, trainRows), task2Labelled, seed);
    Dataset valid = dataset(generator.generate(seed + 2, 2000), 1, seed);
    Dataset test = dataset(generator.generate(seed + 3, 10000), 1, seed);
    System.out.printf(Locale.ROOT, "mtl4j demo: 2 regression tasks, correlation %.2f, %d inputs, %d train rows (task2 "
        + "labelled on %.0f%% of them, the rest masked) / %d valid / %d test; %d threads, BLAS %s%n", correlation,
        train.featureCount(), train.rows(), 100 * task2Labelled, valid.rows(), test.rows(), workers, Blas.backend());
    Map<String, Architecture.Factory> models = new LinkedHashMap<>();
    models.put("single-task", new SingleTask.Options(57));    // 2 × 57 hidden ≈ shared-bottom's 113
    models.put("shared-bottom", new SharedBottom.Options(113));
    models.put("mmoe", new MMoE.Options(8, 16));
    List<Task> tasks = List.of(Task.of("task1", TaskType.regression(), "mse", "r2"),
        Task.of("task2", TaskType.regression(), "mse", "r2"));
    ComparisonTable table = new ComparisonTable();
    TrainingConfig config = TrainingConfig.builder().epochs(epochs).batchSize(128).threads(workers).seed(seed)
        .learningRate(1e-3).patience(8).build();
    for (Map.Entry<String, Architecture.Factory> m : models.entrySet()) {
      MultiTaskModel model = MultiTaskModel.create(new ModelSpec(train.featureCount(), tasks, m.getValue(), new Head.Options(8)), seed);
      TrainingResult result = new Trainer(config, TrainingProgress.create(m.getKey(), List.of("task1", "task2"), System.out)).fit(model, train, valid);
      Evaluation evaluation = ModelEvaluator.evaluate(model, test);
      table.add(m.getKey(), evaluation, result.seconds());
    }
    System.out.println();
    System.out.println("Test metrics (lower mse / higher r2 is better; Δm% > 0 means better than single-task):");
    System.out.print(table.format("single-task"));
    return 0;
  }

  /** The sample as a dataset; task2's label is kept on a seeded random {@code fraction} of the rows. */
  private static Dataset dataset(MmoeSynthetic.Sample s, double fraction, long seed) {
    float[] mask = new float[s.rows()];
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int i = 0; i < mask.length; i++) mask[i] = random.nextDouble() < fraction ? 1f : 0f;
    return Dataset.builder(Tensor.of(s.features(), s.rows(), s.inputs()))
        .task("task1", Tensor.of(s.targets()[0], s.rows()))
        .task("task2", Tensor.of(s.targets()[1], s.rows()), Tensor.of(mask, s.rows()))
        .build();
  }
}
