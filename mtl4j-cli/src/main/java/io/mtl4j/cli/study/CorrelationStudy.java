package io.mtl4j.cli.study;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.CrossStitch;
import io.mtl4j.arch.Head;
import io.mtl4j.arch.MMoE;
import io.mtl4j.arch.MTAN;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.PLE;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.arch.SingleTask;
import io.mtl4j.arch.SoftSharing;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.demo.MmoeSynthetic;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.EpochRecord;
import io.mtl4j.train.ModelEvaluator;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The MMoE paper's task-correlation experiment (Ma et al., KDD 2018, Sec. 5.1 / Fig. 4): every architecture trained on
 * the synthetic tasks at each correlation ρ, repeats paired by seed (same generator draw, rows and initialisation seed
 * for every model and ρ within a repeat), the learning rate chosen on validation, the best validation epoch kept.
 */
@Command(name = "correlation", mixinStandardHelpOptions = true,
    description = "Task-correlation study on the MMoE paper's synthetic data (Ma et al. 2018, Sec. 5.1).")
public final class CorrelationStudy implements Callable<Integer> {
  @Option(names = "--rho", split = ",", defaultValue = "0.5,0.9,1.0", description = "task correlations (default ${DEFAULT-VALUE})")
  List<String> rhos;
  @Option(names = "--repeats", defaultValue = "10") int repeats;
  @Option(names = "--train-size", defaultValue = "50000") int trainSize;
  @Option(names = "--valid-size", defaultValue = "10000") int validSize;
  @Option(names = "--test-size", defaultValue = "10000") int testSize;
  @Option(names = "--architectures", split = ",", description = "subset of single-task, shared-bottom, omoe, mmoe, dselect-k, cgc, ple, cross-stitch, mtan, soft-sharing "
      + "(default: all)")
  List<String> architectures;
  @Option(names = "--epochs", defaultValue = "30") int epochs;
  @Option(names = "--batch", defaultValue = "256") int batch;
  @Option(names = "--learning-rates", split = ",", defaultValue = "0.001,0.01") List<Double> learningRates;
  @Option(names = "--early-epoch", defaultValue = "10", description = "epoch of the early training-loss view") int earlyEpoch;
  @Option(names = "--threads", description = "concurrent training runs, one core each (default: all cores)") Integer threads;
  @Option(names = "--seed", defaultValue = "1", description = "base seed; repeat r uses seed + r") long seed;
  @Option(names = "--out", required = true) Path out;

  /** The study's models: the paper's MMoE/OMoE (8 experts × 16), the others at about the same parameter budget. */
  static Map<String, Architecture.Factory> models() {
    Map<String, Architecture.Factory> m = new LinkedHashMap<>();
    m.put("single-task", new SingleTask.Options(57));
    m.put("shared-bottom", new SharedBottom.Options(113));
    m.put("omoe", new MMoE.Options(8, 16).withGate(MMoE.Gate.SHARED));
    m.put("mmoe", new MMoE.Options(8, 16));
    m.put("dselect-k", new MMoE.Options(8, 16).withGate(MMoE.Gate.DSELECT));
    m.put("cgc", new PLE.Options(1, 4, 2, 16));
    m.put("ple", new PLE.Options(2, 4, 2, 16));
    m.put("cross-stitch", new CrossStitch.Options(57));
    m.put("mtan", new MTAN.Options(64));
    m.put("soft-sharing", new SoftSharing.Options(SoftSharing.Penalty.L2_TIE, 1e-3, 57));
    return m;
  }

  /** One finished training run at its chosen learning rate. */
  record Run(String arch, String rho, int repeat, double lr, int bestEpoch, double[] test, double[] trainCurve,
             double[] validCurve, double seconds) {
    double average() {
      return (test[0] + test[1]) / 2;
    }
  }

  @Override
  public Integer call() throws Exception {
    Map<String, Architecture.Factory> all = models();
    List<String> names = architectures == null ? new ArrayList<>(all.keySet()) : architectures;
    for (String n : names) {
      if (!all.containsKey(n)) throw new IllegalArgumentException("--architectures: unknown '" + n + "'; known: " + all.keySet());
    }
    if (repeats < 2) throw new IllegalArgumentException("--repeats = " + repeats + ", expected ≥ 2 (paired standard errors)");
    for (String r : rhos) MmoeSynthetic.Options.paper(Double.parseDouble(r));
    int workers = threads == null ? Runtime.getRuntime().availableProcessors()
        : io.mtl4j.train.ThreadLimit.check("--threads", threads);
    Files.createDirectories(out);
    System.out.printf(Locale.ROOT, "correlation study: %s × rho %s × %d repeats × lr %s; %d train / %d valid / %d test rows, "
        + "%d epochs, batch %d, %d concurrent runs%n", names, rhos, repeats, learningRates, trainSize, validSize, testSize,
        epochs, batch, workers);
    long start = System.nanoTime();
    List<Run> runs = new ArrayList<>();
    int total = names.size() * rhos.size() * repeats;
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      for (int r = 0; r < repeats; r++) {
        List<List<Future<Run>>> pending = new ArrayList<>(); // per (rho, architecture): one run per learning rate
        for (String rho : rhos) {
          Dataset[] data = data(Double.parseDouble(rho), r);
          for (String n : names) {
            int repeat = r;
            List<Future<Run>> perLr = new ArrayList<>();
            for (double lr : learningRates) perLr.add(pool.submit(() -> train(n, all.get(n), rho, repeat, lr, data)));
            pending.add(perLr);
          }
        }
        for (List<Future<Run>> perLr : pending) {
          Run run = choose(perLr);
          runs.add(run);
          System.out.printf(Locale.ROOT, "[%d/%d] %-13s rho=%-4s repeat=%d lr=%g best epoch %d: test loss %.4f (%.4f, %.4f) "
              + "[%.0f s elapsed]%n", runs.size(), total, run.arch, run.rho, run.repeat, run.lr, run.bestEpoch + 1,
              run.average(), run.test[0], run.test[1], (System.nanoTime() - start) / 1e9);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    write(runs);
    StudyPlots.write(out, runs, names, rhos);
    System.out.println();
    System.out.print(StudyReport.format(runs, names, rhos, earlyEpoch));
    System.out.printf(Locale.ROOT, "%nwrote %s (results.csv, runs.csv, curves.csv, *.png) in %.0f s%n", out,
        (System.nanoTime() - start) / 1e9);
    return 0;
  }

  /** The run with the best validation score among the learning rates (ties: the first). */
  private static Run choose(List<Future<Run>> perLr) throws Exception {
    Run best = null;
    for (Future<Run> f : perLr) {
      Run r = f.get();
      if (best == null || r.validCurve[r.bestEpoch] < best.validCurve[best.bestEpoch]) best = r;
    }
    return best;
  }

  /** Train, valid and test sets of repeat r at correlation rho: one generator draw and row seeds per repeat. */
  private Dataset[] data(double rho, int repeat) {
    long s = seed + repeat;
    MmoeSynthetic generator = MmoeSynthetic.draw(MmoeSynthetic.Options.paper(rho), s);
    return new Dataset[] {dataset(generator.generate(s * 31 + 1, trainSize)), dataset(generator.generate(s * 31 + 2, validSize)),
        dataset(generator.generate(s * 31 + 3, testSize))};
  }

  private static Dataset dataset(MmoeSynthetic.Sample s) {
    return Dataset.builder(Tensor.of(s.features(), s.rows(), s.inputs()))
        .task("task1", Tensor.of(s.targets()[0], s.rows()))
        .task("task2", Tensor.of(s.targets()[1], s.rows())).build();
  }

  private Run train(String name, Architecture.Factory arch, String rho, int repeat, double lr, Dataset[] data) {
    List<Task> tasks = List.of(Task.of("task1", TaskType.regression(), "mse"), Task.of("task2", TaskType.regression(), "mse"));
    long s = seed + repeat;
    MultiTaskModel model = MultiTaskModel.create(new ModelSpec(data[0].featureCount(), tasks, arch, new Head.Options(8)), s);
    TrainingConfig config = TrainingConfig.builder().epochs(epochs).batchSize(batch).threads(1).seed(s).learningRate(lr)
        .patience(0).build();
    TrainingResult result = new Trainer(config).fit(model, data[0], data[1]);
    Evaluation test = ModelEvaluator.evaluate(model, data[2]);
    double[] train = new double[result.epochs().size()], valid = new double[train.length];
    for (int e = 0; e < train.length; e++) {
      EpochRecord rec = result.epochs().get(e);
      train[e] = (rec.trainLoss()[0] + rec.trainLoss()[1]) / 2;
      valid[e] = -rec.score();
    }
    return new Run(name, rho, repeat, lr, result.bestEpoch(), new double[] {test.value("task1", "mse"), test.value("task2", "mse")},
        train, valid, result.seconds());
  }

  private void write(List<Run> runs) throws IOException {
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("results.csv")))) {
      w.println("architecture,rho,repeat,task1,task2,average");
      for (Run r : runs) {
        w.printf(Locale.ROOT, "%s,%s,%d,%.6f,%.6f,%.6f%n", r.arch, r.rho, r.repeat, r.test[0], r.test[1], r.average());
      }
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("runs.csv")))) {
      w.println("architecture,rho,repeat,learning_rate,best_epoch,seconds");
      for (Run r : runs) w.printf(Locale.ROOT, "%s,%s,%d,%g,%d,%.1f%n", r.arch, r.rho, r.repeat, r.lr, r.bestEpoch + 1, r.seconds);
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("curves.csv")))) {
      w.println("architecture,rho,repeat,epoch,train_loss,valid_loss");
      for (Run r : runs) {
        for (int e = 0; e < r.trainCurve.length; e++) {
          w.printf(Locale.ROOT, "%s,%s,%d,%d,%.6f,%.6f%n", r.arch, r.rho, r.repeat, e + 1, r.trainCurve[e], r.validCurve[e]);
        }
      }
    }
  }
}
