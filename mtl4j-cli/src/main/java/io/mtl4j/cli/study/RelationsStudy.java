package io.mtl4j.cli.study;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.Branching;
import io.mtl4j.arch.Head;
import io.mtl4j.arch.LTB;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.demo.PlantedTasks;
import io.mtl4j.io.AtomicWrite;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.nn.Activation;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.train.ModelEvaluator;
import io.mtl4j.train.StepRecord;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Task relations acted on during training, on {@link PlantedTasks} (two clusters of three related tasks and an opposed
 * pair p, q with anti-correlated labels): one shared-bottom for all tasks (equal weighting, and the {@code dynamic}
 * weighting that detaches a task whose running gradient cosine with the others' is below the threshold), one
 * shared-bottom per planted group (static grouping), and Learning to Branch, whose learnt tree is scored by how often tasks of one
 * cluster share its bottom node against tasks of different clusters. Held-out R² per task, averaged.
 */
@Command(name = "relations", mixinStandardHelpOptions = true, description = "Dynamic relations and Learning to "
    + "Branch vs static grouping and one shared model, on the planted-task generator.")
public final class RelationsStudy implements Callable<Integer> {
  @Option(names = "--seeds", defaultValue = "3") int seeds;
  @Option(names = "--rows", defaultValue = "3000", description = "rows per seed; the last third is held out") int rows;
  @Option(names = "--epochs", defaultValue = "20") int epochs;
  @Option(names = "--out", required = true) Path out;

  private static final int[] HIDDEN = {32, 16};

  /** One seed: mean held-out R² per model, and LTB's bottom-layer sharing within and across the two clusters. */
  record Result(int seed, Map<String, Double> r2, double detached, double sharedWithin, double sharedAcross,
                String tree) {}

  @Override
  public Integer call() throws Exception {
    if (seeds < 1 || rows < 30 || epochs < 2) {
      throw new IllegalArgumentException("--seeds ≥ 1, --rows ≥ 30 and --epochs ≥ 2 expected");
    }
    Files.createDirectories(out);
    List<Result> results = new ArrayList<>();
    for (int seed = 1; seed <= seeds; seed++) {
      Result r = run(seed, rows, epochs);
      results.add(r);
      System.out.printf(Locale.ROOT, "seed %d: %s; dynamic detached %.2f %% of task-steps; ltb bottom node shared "
          + "within clusters %.2f, across %.2f%n%s%n", seed, r.r2, 100 * r.detached, r.sharedWithin, r.sharedAcross, r.tree);
    }
    String table = table(results);
    System.out.println();
    System.out.print(table);
    AtomicWrite.write(out.resolve("table.md"), table.getBytes(StandardCharsets.UTF_8));
    return 0;
  }

  static Result run(int seed, int rows, int epochs) {
    Dataset all = PlantedTasks.generate(new PlantedTasks.Options(rows, 10, 0.3, 0.1), seed);
    int cut = rows * 2 / 3;
    Dataset train = all.select(IntStream.range(0, cut).toArray());
    Dataset test = all.select(IntStream.range(cut, rows).toArray());
    Map<String, Double> r2 = new LinkedHashMap<>();
    r2.put("all-in-one ew", meanR2(fit(PlantedTasks.TASKS, new SharedBottom.Options(HIDDEN), "ew", train, seed, epochs), test));
    long[] detached = new long[2]; // task-steps with weight 0, task-steps
    TrainingListener count = new TrainingListener() {
      @Override
      public void onStep(StepRecord step) {
        for (double w : step.weights()) detached[0] += w == 0 ? 1 : 0;
        detached[1] += step.weights().length;
      }
    };
    r2.put("all-in-one dynamic", meanR2(fit(PlantedTasks.TASKS, new SharedBottom.Options(HIDDEN), "dynamic", train, seed,
        epochs, count), test));
    List<List<String>> groups = new ArrayList<>(PlantedTasks.CLUSTERS);
    groups.add(PlantedTasks.ANTICORRELATED);
    double grouped = 0;
    for (List<String> g : groups) grouped += meanR2(fit(g, new SharedBottom.Options(HIDDEN), "ew", train, seed, epochs), test) * g.size();
    r2.put("static grouping", grouped / PlantedTasks.TASKS.size());
    LTB.Options ltb = new LTB.Options(HIDDEN, Activation.RELU, 5, 1, epochs / 2, true);
    MultiTaskModel tree = fit(PlantedTasks.TASKS, ltb, "ew", train, seed, epochs);
    r2.put("ltb", meanR2(tree, test));
    Branching b = ((LTB) tree.architecture()).branching(tree.parameters());
    // The two clusters' tasks by cluster; p and q (their own pair) are left out.
    double[] sharing = b.sharingWithinAndAcross(0, new int[] {0, 0, 0, 1, 1, 1, -1, -1});
    return new Result(seed, r2, detached[0] / (double) detached[1], sharing[0], sharing[1], b.format(PlantedTasks.TASKS));
  }

  private static MultiTaskModel fit(List<String> names, Architecture.Factory arch, String weighting, Dataset train,
                                    long seed, int epochs, TrainingListener... listeners) {
    List<Task> tasks = names.stream().map(n -> Task.of(n, TaskType.regression(), "r2")).toList();
    Dataset.Builder b = Dataset.builder(train.features());
    for (String n : names) b.task(n, train.labels(n));
    MultiTaskModel model = MultiTaskModel.create(new ModelSpec(train.featureCount(), tasks, arch, new Head.Options()), seed);
    new Trainer(TrainingConfig.builder().epochs(epochs).batchSize(64).seed(seed).learningRate(0.005).patience(0)
        .weighting(weighting).build(), listeners).fit(model, b.build(), null);
    return model;
  }

  private static double meanR2(MultiTaskModel model, Dataset test) {
    Evaluation e = ModelEvaluator.evaluate(model, test);
    return model.tasks().stream().mapToDouble(t -> e.value(t.name(), "r2")).average().orElseThrow();
  }

  static String table(List<Result> results) {
    List<String> models = List.copyOf(results.get(0).r2.keySet());
    StringBuilder b = new StringBuilder("| seed | " + String.join(" | ", models)
        + " | dynamic: task-steps detached | ltb: bottom node shared within clusters | across clusters |\n|"
        + " ---: |".repeat(models.size() + 4) + "\n");
    double[] mean = new double[models.size() + 3];
    for (Result r : results) {
      b.append("| ").append(r.seed);
      for (int m = 0; m < models.size(); m++) {
        double v = r.r2.get(models.get(m));
        mean[m] += v / results.size();
        b.append(String.format(Locale.ROOT, " | %.4f", v));
      }
      mean[models.size()] += r.detached / results.size();
      mean[models.size() + 1] += r.sharedWithin / results.size();
      mean[models.size() + 2] += r.sharedAcross / results.size();
      b.append(String.format(Locale.ROOT, " | %.2f %% | %.2f | %.2f |%n", 100 * r.detached, r.sharedWithin, r.sharedAcross));
    }
    b.append("| **mean**");
    for (int m = 0; m < models.size(); m++) b.append(String.format(Locale.ROOT, " | %.4f", mean[m]));
    return b.append(String.format(Locale.ROOT, " | %.2f %% | %.2f | %.2f |%n", 100 * mean[models.size()],
        mean[models.size() + 1], mean[models.size() + 2])).toString();
  }
}
