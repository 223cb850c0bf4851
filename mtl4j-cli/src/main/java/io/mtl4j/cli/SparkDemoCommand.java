package io.mtl4j.cli;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.MMoE;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.cli.study.StudySetting;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.demo.MmoeSynthetic;
import io.mtl4j.metrics.EvaluationTable;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.train.ModelEvaluator;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.EngineOptions;
import io.mtl4j.train.TrainingEngine;
import io.mtl4j.train.TrainingResult;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains the demo's MMoE on the MMoE paper's synthetic tasks through Apache Spark (the {@code spark} engine) and in
 * this JVM from the same seed, and prints both test tables: synchronous Spark training is the single-JVM run up to
 * float rounding of the partition sums.
 */
@Command(name = "spark-demo", mixinStandardHelpOptions = true,
    description = "Train the synthetic MMoE demo through Apache Spark (local[*] by default) and in this JVM, and "
        + "print both test tables.")
final class SparkDemoCommand implements Callable<Integer> {
  @Option(names = "--master", defaultValue = "local[*]", description = "Spark master URL (default ${DEFAULT-VALUE})")
  String master;
  @Option(names = "--train-rows", defaultValue = "10000") int trainRows;
  @Option(names = "--epochs", defaultValue = "10") int epochs;
  @Option(names = "--seed", defaultValue = "1") long seed;

  @Override
  public Integer call() {
    if (trainRows < 1 || epochs < 1) {
      throw new IllegalArgumentException("--train-rows and --epochs: expected ≥ 1, got " + trainRows + ", " + epochs);
    }
    TrainingEngine spark = TrainingEngine.named("spark");
    MmoeSynthetic generator = MmoeSynthetic.draw(MmoeSynthetic.Options.paper(0.9), seed);
    Dataset train = StudySetting.dataset(generator.generate(seed * 1000 + 1, trainRows), 1, seed);
    Dataset test = StudySetting.dataset(generator.generate(seed * 1000 + 3, 10000), 1, seed);
    List<Task> tasks = List.of(Task.of("task1", TaskType.regression(), "mse", "r2"),
        Task.of("task2", TaskType.regression(), "mse", "r2"));
    ModelSpec spec = new ModelSpec(train.featureCount(), tasks, new MMoE.Options(8, 16), new Head.Options(8));
    TrainingConfig config = TrainingConfig.builder().epochs(epochs).batchSize(128).threads(1).seed(seed)
        .learningRate(0.001).patience(0).build();
    System.out.printf(Locale.ROOT, "mtl4j spark-demo: MMoE on 2 synthetic regression tasks (Ma et al. 2018), %d "
        + "training rows, %d epochs, seed %d; Spark master %s%n", trainRows, epochs, seed, master);
    MultiTaskModel onSpark = MultiTaskModel.create(spec, seed);
    TrainingResult sparkRun = spark.fit(onSpark, train, null, config, EngineOptions.sync(master));
    MultiTaskModel inJvm = MultiTaskModel.create(spec, seed);
    TrainingResult jvmRun = new Trainer(config).fit(inJvm, train, null);
    System.out.println("Test metrics (lower mse, higher r2 is better):");
    System.out.print(EvaluationTable.format(List.of(
        new EvaluationTable.Model("spark " + master, ModelEvaluator.evaluate(onSpark, test)),
        new EvaluationTable.Model("jvm, 1 thread", ModelEvaluator.evaluate(inJvm, test))), "jvm, 1 thread"));
    System.out.printf(Locale.ROOT, "train time: spark %.1f s, jvm %.1f s; largest parameter difference %.2e%n",
        sparkRun.seconds(), jvmRun.seconds(), largestDifference(onSpark, inJvm));
    return 0;
  }

  private static double largestDifference(MultiTaskModel a, MultiTaskModel b) {
    float[] x = a.parameters().values(), y = b.parameters().values();
    double max = 0;
    for (int i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i] - y[i]));
    return max;
  }
}
