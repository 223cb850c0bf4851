package io.mtl4j.cli.study;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SingleTask;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.demo.Funnel;
import io.mtl4j.encode.CategoricalEncoder;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.io.AtomicWrite;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * ESMM (Ma et al., SIGIR 2018) on the seeded {@link Funnel}: shared user and item embeddings, a CTR tower and a CVR
 * tower, trained over every impression on CTR and on CTCVR = CTR × CVR; against a CVR model of the same layout
 * trained on clicked impressions alone. Each model's CVR estimate over all impressions of a fresh draw is compared
 * with the generator's true post-click conversion probability.
 */
@Command(name = "esmm", mixinStandardHelpOptions = true,
    description = "ESMM vs a CVR model of clicked rows on a synthetic funnel with a known sample-selection bias.")
public final class EsmmStudy implements Callable<Integer> {
  @Option(names = "--seeds", defaultValue = "3") int seeds;
  @Option(names = "--impressions", defaultValue = "60000", description = "training impressions per seed") int impressions;
  @Option(names = "--epochs", defaultValue = "4") int epochs;
  @Option(names = "--out", required = true) Path out;

  /** One seed: the true mean CVR over the test impressions and each model's mean estimate. */
  record Result(int seed, double truth, double esmm, double clickedOnly) {}

  @Override
  public Integer call() throws Exception {
    if (seeds < 1 || impressions < 1 || epochs < 1) {
      throw new IllegalArgumentException("--seeds, --impressions and --epochs must be ≥ 1");
    }
    Files.createDirectories(out);
    List<Result> results = new ArrayList<>();
    for (int seed = 1; seed <= seeds; seed++) {
      Result r = run(seed, impressions, epochs);
      results.add(r);
      System.out.printf(Locale.ROOT, "seed %d: true CVR %.4f, ESMM %.4f, clicked-rows model %.4f%n", seed, r.truth,
          r.esmm, r.clickedOnly);
    }
    String table = table(results);
    System.out.println();
    System.out.print(table);
    AtomicWrite.write(out.resolve("table.md"), table.getBytes(StandardCharsets.UTF_8));
    return 0;
  }

  /** Both models on seed {@code seed}'s funnel; tested on 20 000 fresh impressions. */
  static Result run(int seed, int impressions, int epochs) {
    Funnel funnel = new Funnel(Funnel.Options.defaults(), seed);
    Dataset train = Funnel.dataset(funnel.draw(impressions, 100L + seed));
    Funnel.Impressions test = funnel.draw(20_000, 200L + seed);
    double truth = 0;
    for (double p : test.trueCvr()) truth += p / test.size();
    return new Result(seed, truth, meanCvr(trained(esmmTasks(), train, seed, epochs), test),
        meanCvr(trained(List.of(Task.of(Funnel.CVR, TaskType.binary())), train, seed, epochs), test));
  }

  /** CTR, CVR (no loss of its own: weight 0) and CTCVR, the product of the two. */
  static List<Task> esmmTasks() {
    return List.of(Task.of(Funnel.CTR, TaskType.binary()), Task.of(Funnel.CVR, TaskType.binary()).withWeight(0),
        Task.of(Funnel.CTCVR, TaskType.binary()).withProductOf(Funnel.CTR, Funnel.CVR));
  }

  /** Shared embeddings (user and item, 8 each) and one tower per task, the paper's layout. */
  static MultiTaskModel trained(List<Task> tasks, Dataset train, long seed, int epochs) {
    Funnel.Options o = Funnel.Options.defaults();
    InputSpec inputs = new InputSpec(List.of(new CategoricalEncoder.Spec(Funnel.IDS, List.of(
        new CategoricalEncoder.Field("user", o.users(), 8), new CategoricalEncoder.Field("item", o.items(), 8)),
        null, false)));
    MultiTaskModel model = MultiTaskModel.create(ModelSpec.of(inputs, tasks, new SingleTask.Options(32),
        new Head.Options()), seed);
    // The CVR-only model's loss sees only clicked rows: its labels are masked elsewhere.
    new Trainer(TrainingConfig.builder().epochs(epochs).batchSize(256).seed(seed).learningRate(0.01).patience(0)
        .build()).fit(model, train, null);
    return model;
  }

  private static double meanCvr(MultiTaskModel model, Funnel.Impressions test) {
    Tensor p = model.predict(null, Funnel.dataset(test).groups(), 4096).get(Funnel.CVR);
    double sum = 0;
    for (int r = 0; r < test.size(); r++) sum += p.get(r);
    return sum / test.size();
  }

  static String table(List<Result> results) {
    StringBuilder b = new StringBuilder("| seed | true CVR | ESMM | bias | clicked-rows model | bias |\n"
        + "| ---: | ---: | ---: | ---: | ---: | ---: |\n");
    double esmm = 0, naive = 0;
    for (Result r : results) {
      b.append(String.format(Locale.ROOT, "| %d | %.4f | %.4f | %+.4f | %.4f | %+.4f |%n", r.seed, r.truth, r.esmm,
          r.esmm - r.truth, r.clickedOnly, r.clickedOnly - r.truth));
      esmm += Math.abs(r.esmm - r.truth) / results.size();
      naive += Math.abs(r.clickedOnly - r.truth) / results.size();
    }
    return b.append(String.format(Locale.ROOT, "| **mean abs bias** | | | %.4f | | %.4f |%n", esmm, naive)).toString();
  }
}
