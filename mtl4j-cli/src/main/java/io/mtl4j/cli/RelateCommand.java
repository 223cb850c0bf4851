package io.mtl4j.cli;

import io.mtl4j.analysis.GradientProbe;
import io.mtl4j.analysis.GroupComparison;
import io.mtl4j.analysis.LearnedRelations;
import io.mtl4j.analysis.PairwiseTransfer;
import io.mtl4j.analysis.Relatedness;
import io.mtl4j.analysis.SubsetTraining;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.cli.config.ConfigLoader;
import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.cli.report.BranchingSection;
import io.mtl4j.cli.report.LearnedRelationsReport;
import io.mtl4j.cli.report.RelatednessReport;
import io.mtl4j.cli.report.TrainedRelationsReport;
import io.mtl4j.cli.run.Experiment;
import io.mtl4j.cli.run.LearnedRelationsFile;
import io.mtl4j.cli.run.Outputs;
import io.mtl4j.cli.run.RelatednessFile;
import io.mtl4j.cli.run.TrainedRelationsFile;
import io.mtl4j.cli.terminal.TrainingProgress;
import io.mtl4j.task.Task;
import io.mtl4j.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Measures which tasks help each other and recommends task groups; writes OUT/relatedness.json and OUT/report.html. */
@Command(name = "relate", mixinStandardHelpOptions = true,
    description = "Measure task relatedness (label statistics, gradient cosines, TAG inter-task affinity during one "
        + "training run of the config's model, MTRL's task correlation and clustered MTL's clusters of linear models), "
        + "optionally pairwise transfer (--pairs), recommend task groups and optionally train them against one model and "
        + "one model per task (--train-groups); write relatedness.json and report.html.")
final class RelateCommand implements Callable<Integer> {
  /** The probe's stream, apart from the run's own streams (split, initialisation, shuffling, dropout). */
  private static final long PROBE_STREAM = 0x5EEDL;
  private static final List<String> GROUP_BY = List.of("affinity", PairwiseTransfer.MEASURE,
      LearnedRelations.CORRELATION);
  /** The linear models' row sample and validation carve. */
  private static final long LINEAR_STREAM = 0x11EA7L;

  @Option(names = {"-c", "--config"}, required = true, description = "YAML run config, as for train") Path config;
  @Option(names = "--data-dir", description = "directory the config's data files are relative to") Path dataDir;
  @Option(names = {"-o", "--out"}, required = true, description = "output directory (must be empty unless --force)") Path out;
  @Option(names = "--models", paramLabel = "N", description = "budget of models for the recommended grouping "
      + "(default: 3, or the number of tasks if fewer)") Integer models;
  @Option(names = "--every", paramLabel = "STEPS", description = "sample the gradients every STEPS optimizer steps "
      + "(default: 20 × the number of tasks × training.threads: the probe runs on one thread)") Integer every;
  @Option(names = "--rows", paramLabel = "R", description = "rows of each sampled batch (default: training.batchSize)")
  Integer rows;
  @Option(names = "--lookahead", paramLabel = "ETA", description = "step size η of TAG's look-ahead θ − η·g_i "
      + "(default: each sampled step's learning rate; with Adam's small rates a larger η, still in the linear range, "
      + "lifts the loss changes above float rounding)") Double lookahead;
  @Option(names = "--pairs", description = "also measure pairwise transfer: train each task alone and each pair "
      + "(T + T(T−1)/2 models per seed) and score them on the validation rows") boolean pairs;
  @Option(names = "--train-groups", description = "also train the recommended groups, one model for all tasks and one "
      + "per task, and compare them on the test rows") boolean trainGroups;
  @Option(names = "--seeds", paramLabel = "N", description = "seeds of each --pairs / --train-groups model (default: 3)")
  Integer seeds;
  @Option(names = "--pair-epochs", paramLabel = "E", description = "epochs of each --pairs / --train-groups model "
      + "(default: training.epochs)") Integer pairEpochs;
  @Option(names = "--linear-rows", paramLabel = "R", description = "training rows sampled (seeded) for the linear "
      + "models whose learned relations are reported, MTRL's task correlation and clustered MTL's clusters (default: "
      + LearnedRelations.Options.DEFAULT_ROWS + ")") Integer linearRows;
  @Option(names = "--group-by", paramLabel = "MEASURE", description = "the measure the recommended groups maximise: "
      + "affinity (default), transferGain (needs --pairs) or mtrlCorrelation") String groupBy;
  @Option(names = "--force", description = "write into a non-empty output directory") boolean force;
  @Option(names = "--seed", description = "run seed (split, initialisation, shuffling, sampling); default: training.seed")
  Long seed;
  @picocli.CommandLine.Mixin io.mtl4j.cli.terminal.VerbosityOption verbosity = new io.mtl4j.cli.terminal.VerbosityOption();

  @Override
  public Integer call() {
    return Outputs.removedOnOutOfMemory(out, this::relate);
  }

  private Integer relate() {
    RunConfig cfg = ConfigLoader.load(config);
    Outputs.check(out, force);
    if (cfg.classical() != null) {
      throw new IllegalArgumentException(config + ": relate measures the training of a multi-task network; remove the "
          + "classical section (a linear model has no shared layers to probe)");
    }
    long runSeed = seed != null ? seed : Experiment.seedOf(cfg);
    Experiment exp = Experiment.prepare(cfg, dataDir, runSeed);
    ModelSpec spec = exp.spec(cfg.architecture());
    List<String> tasks = spec.tasks().stream().map(Task::name).toList();
    int budget = models != null ? models : Math.min(3, tasks.size());
    String grouping = checkOptions(budget, tasks.size());
    LearnedRelations.Options linear = new LearnedRelations.Options(linearRows != null ? linearRows
        : LearnedRelations.Options.DEFAULT_ROWS, runSeed ^ LINEAR_STREAM);
    TrainingConfig training = Experiment.training(cfg, runSeed, null);
    SubsetTraining runs = pairs || trainGroups ? exp.subsetTraining(spec,
        pairEpochs == null ? training : training.toBuilder().epochs(pairEpochs).build()) : null;
    List<Long> seedList = LongStream.range(0, seeds == null ? 3 : seeds).mapToObj(k -> runSeed + k).toList();
    GradientProbe.Options probe = new GradientProbe.Options(every != null ? every
        : GradientProbe.Options.defaultEvery(tasks.size(), training.threads()), rows != null ? rows
        : training.batchSize(), lookahead != null ? lookahead : 0, runSeed ^ PROBE_STREAM);
    System.out.printf(Locale.ROOT, "mtl4j relate: %s, tasks %s; %d train / %d valid rows; gradients every %d steps on %d "
        + "rows%n", spec.architecture().name(), tasks, exp.trainRows(), exp.validRows(), probe.every(), probe.rows());
    MultiTaskModel model = exp.newModel(spec, runSeed);
    Relatedness r = exp.relate(model, training, probe, budget,
        TrainingProgress.create(spec.architecture().name(), tasks, System.out, verbosity.value()));
    PairwiseTransfer transfer = null;
    if (pairs) {
      System.out.printf(Locale.ROOT, "Pairwise transfer: %d models (%d tasks + %d pairs, × %d seeds)%n",
          PairwiseTransfer.cost(tasks.size(), seedList.size()), tasks.size(), tasks.size() * (tasks.size() - 1) / 2,
          seedList.size());
      transfer = PairwiseTransfer.measure(runs, seedList);
      r = r.with(transfer.gain());
    }
    LearnedRelations learned = exp.learnedRelations(spec.tasks(), linear);
    r = r.with(learned);
    if (grouping.equals(LearnedRelations.CORRELATION) && !learned.fitted()) {
      throw new IllegalArgumentException("--group-by " + grouping + ": the learned relations were skipped ("
          + learned.skipped() + ")");
    }
    if (!grouping.equals("affinity")) r = r.groupedBy(grouping, budget);
    GroupComparison groups = trainGroups ? GroupComparison.compare(runs, r.grouping().groups(), seedList) : null;
    Map<String, Object> file = RelatednessFile.of(r, probe, budget, exp.trainRows());
    TrainedRelationsFile.add(file, transfer, groups, runs);
    LearnedRelationsFile.add(file, learned, linear);
    String html = BranchingSection.addTo(TrainedRelationsReport.add(LearnedRelationsReport.add(
        RelatednessReport.of(r, "mtl4j relate — " + config.getFileName()), learned), transfer, groups), model).html();
    Outputs o = Outputs.create(out);
    o.writeJson("relatedness.json", file);
    o.writeText("report.html", html);
    System.out.println();
    System.out.println("Recommended groups (" + budget + " models at most): " + r.groupNames());
    System.out.println(learned.fitted() ? "Learned clusters (clustered MTL, k = " + learned.k() + "): "
        + learned.clusters() : "Learned relations skipped: " + learned.skipped());
    BranchingSection.text(model).ifPresent(System.out::println);
    System.out.printf(Locale.ROOT, "Predicted total %s %.4g (one model for all tasks: %.4g); probe %.1f s of "
        + "%.1f s training, %d samples%n", r.groupedBy(), r.grouping().score(), r.allInOne(), r.gradients().seconds(),
        r.training().seconds(), r.gradients().samples());
    if (groups != null) {
      System.out.printf(Locale.ROOT, "Held-out gain over single-task models, mean over tasks: all-in-one %+.2f %%, "
          + "grouped %+.2f %%%n", groups.schemes().get(GroupComparison.ALL_IN_ONE).meanGain(),
          groups.schemes().get(GroupComparison.GROUPED).meanGain());
    }
    System.out.println("Wrote " + o.path("relatedness.json") + ", " + o.path("report.html"));
    return 0;
  }

  /** Fails on a bad option value, naming it, before anything is trained; returns the measure to group by. */
  private String checkOptions(int budget, int tasks) {
    if (budget < 1 || budget > tasks) {
      throw new IllegalArgumentException("--models " + budget + ": expected 1 to " + tasks + " (the number of tasks)");
    }
    if (every != null && every < 1) throw new IllegalArgumentException("--every " + every + ": expected at least 1 step");
    if (lookahead != null && !(lookahead > 0 && Double.isFinite(lookahead))) {
      throw new IllegalArgumentException("--lookahead " + lookahead + ": expected a finite η > 0");
    }
    if (rows != null && rows < 1) throw new IllegalArgumentException("--rows " + rows + ": expected at least 1 row");
    if (seeds != null && seeds < 1) throw new IllegalArgumentException("--seeds " + seeds + ": expected at least 1");
    if (pairEpochs != null && pairEpochs < 1) {
      throw new IllegalArgumentException("--pair-epochs " + pairEpochs + ": expected at least 1 epoch");
    }
    String grouping = groupBy == null ? "affinity" : groupBy;
    if (!GROUP_BY.contains(grouping)) {
      throw new IllegalArgumentException("--group-by " + grouping + ": expected one of " + GROUP_BY);
    }
    if (grouping.equals(PairwiseTransfer.MEASURE) && !pairs) {
      throw new IllegalArgumentException("--group-by " + grouping + " needs --pairs, which measures it");
    }
    if (linearRows != null && linearRows < 20) {
      throw new IllegalArgumentException("--linear-rows " + linearRows + ": expected at least 20 rows");
    }
    return grouping;
  }
}
