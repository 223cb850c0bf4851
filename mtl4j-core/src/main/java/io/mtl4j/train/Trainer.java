package io.mtl4j.train;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Batch;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.MultiInputData;
import io.mtl4j.data.RowStream;
import io.mtl4j.data.Sampling;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.optim.LrSchedule;
import io.mtl4j.optim.Optimizer;
import io.mtl4j.task.Task;
import io.mtl4j.weighting.Weighting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Mini-batch training of a {@link MultiTaskModel}: seeded shuffling, data-parallel steps, validation each epoch,
 * early stopping on the mean validation metric and best-weights restore, checkpoints with exact resume and the
 * non-finite guard. Never names a weighting or architecture.
 *
 * <p>An epoch is a number of optimizer steps: ⌈rows / batch size⌉ (multi-input: the largest task's under cycle
 * sampling, their sum otherwise). A weighting with several loss samples per step (MoDo, SDMGrad) draws that many
 * batches in each, so its epoch reads the data several times, as in LibMTL.
 */
public final class Trainer {
  /** Rollbacks allowed in one run before a non-finite value fails it anyway. */
  static final int MAX_ROLLBACKS = 8;
  private static final List<String> RESUME_KEYS = List.of("batchSize", "threads", "seed", "optimizer",
      "optimizerOptions", "schedule", "gradClipNorm", "weighting", "weightingOptions", "sampling", "frozen");

  private final TrainingConfig config;
  private final List<TrainingListener> listeners;
  private Path checkpointDirectory;
  private boolean resume;
  private io.mtl4j.io.ModelKey checkpointKey;

  public Trainer(TrainingConfig config, TrainingListener... listeners) {
    this.config = config;
    this.listeners = List.of(listeners);
  }

  /**
   * Writes {@value CheckpointFile#NAME} into {@code directory} at the end of each epoch and every
   * {@link TrainingConfig#checkpointEvery()} steps; with {@code resume}, continues from the checkpoint found there
   * (a fresh start when there is none) and ends with the weights an uninterrupted run would have. Temporaries left
   * there by a kill during a save are deleted.
   */
  public Trainer checkpoints(Path directory, boolean resume) {
    return checkpoints(directory, resume, null);
  }

  /** As above; with a {@code key} (may be null) checkpoints carry its HMAC and one without a valid HMAC is refused. */
  public Trainer checkpoints(Path directory, boolean resume, io.mtl4j.io.ModelKey key) {
    CheckpointFile.prepareDirectory(directory);
    this.checkpointDirectory = directory;
    this.resume = resume;
    this.checkpointKey = key;
    return this;
  }

  /**
   * Fails now on settings that {@code fit} would reject only once it runs (after a caller has written its run state):
   * an unknown weighting, optimizer or option, a loss unknown to {@link TrainingConfig#losses()}, and a metric unknown
   * to {@link TrainingConfig#metrics()} or unfit for its task's type.
   *
   * @throws IllegalArgumentException naming the setting ({@code weighting}, {@code optimizer}, the task) and the cause
   */
  public void check(List<Task> tasks) {
    try {
      config.newWeighting();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("weighting: " + e.getMessage(), e);
    }
    try {
      config.newOptimizer(config.schedule());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("optimizer: " + e.getMessage(), e);
    }
    for (Task t : tasks) {
      t.newLoss(config.losses());
      try {
        ModelEvaluator.metricsOf(List.of(t), config.metrics());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("task '" + t.name() + "' metrics " + t.metrics() + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Single-input training: every row carries labels for the tasks (missing ones masked). A task whose parameters
   * are all frozen may be absent from the data (add-task on new data labelled for the new task only); it is then
   * neither trained nor validated, and the weighting is bypassed (plain sum of the trained tasks' losses).
   */
  public TrainingResult fit(MultiTaskModel model, Dataset train, Dataset valid) {
    FrozenParameters frozen = FrozenParameters.resolve(model, config.frozen());
    boolean[] trained = new boolean[model.tasks().size()];
    List<String> present = new ArrayList<>();
    for (int t = 0; t < trained.length; t++) {
      String name = model.tasks().get(t).name();
      trained[t] = train.hasTask(name);
      if (trained[t]) present.add(name);
      else if (!frozen.coversTask(t)) requireTasks(model.tasks(), train.tasks(), "training");
    }
    if (present.isEmpty()) requireTasks(model.tasks(), train.tasks(), "training");
    if (valid != null) {
      for (String name : present) {
        if (!valid.hasTask(name)) {
          throw new IllegalArgumentException("validation data has no labels for task '" + name + "'; it has " + valid.tasks());
        }
      }
    }
    checkWidth(model.spec(), train.featureCount(), "training");
    return new Run(model, new BatchPlan.SingleInput(train, config.batchSize(), trained),
        valid == null ? null : () -> ModelEvaluator.evaluate(model, valid, present, config.metrics())).execute();
  }

  /**
   * Out-of-core training: each epoch reads {@code train} once through a seeded shuffle buffer of
   * {@code train.options().shuffleBuffer()} rows; {@code valid} (may be null) is evaluated chunk by chunk.
   */
  public TrainingResult fit(MultiTaskModel model, RowStream train, RowStream valid) {
    requireTasks(model.tasks(), train.tasks(), "training");
    checkWidth(model.spec(), train.featureCount(), "training");
    return new Run(model, new StreamPlan(train, config.batchSize(), null),
        valid == null ? null : () -> ModelEvaluator.evaluate(model, valid, config.metrics())).execute();
  }

  /** Multi-input training: each task has its own dataset; per-task batches follow {@link TrainingConfig#sampling()}. */
  public TrainingResult fit(MultiTaskModel model, MultiInputData train, MultiInputData valid) {
    List<String> names = model.tasks().stream().map(Task::name).toList();
    for (String n : names) train.get(n);
    checkWidth(model.spec(), train.featureCount(), "training");
    Weighting probe = config.newWeighting();
    if (config.sampling() != Sampling.CYCLE && probe.requirements().needs() != Weighting.Needs.LOSSES) {
      throw new IllegalArgumentException("training.weighting '" + config.weighting().name() + "' combines the gradients of all "
          + "tasks in each step, but training.sampling '" + config.sampling().configName() + "' trains one task per "
          + "step: use sampling 'cycle'");
    }
    return new Run(model, new BatchPlan.MultiInput(train, names, config.batchSize(), config.sampling()),
        valid == null ? null : () -> ModelEvaluator.evaluate(model, valid, config.metrics())).execute();
  }

  /** One run's mutable state; everything in it is what a {@link TrainingCheckpoint} holds. */
  private final class Run {
    private final MultiTaskModel model;
    private final BatchPlan plan;
    private final Supplier<Evaluation> validate;
    private final int tasks;
    private final Weighting weighting;
    private final double[][] lossHistory;
    private final EpochMeans losses;
    private final EpochMeans weights; // the weights the method applied, per task
    private final Batch[] scratch;
    private final boolean snapshots;
    private List<EpochRecord> records = new ArrayList<>();
    private StepExecutor executor;
    private BestEpoch best = new BestEpoch();
    private int epoch, stepInEpoch, rollbacks;
    private double lrScale = 1;
    private long step;
    private boolean finished;
    private TrainingCheckpoint last;

    Run(MultiTaskModel model, BatchPlan plan, Supplier<Evaluation> validate) {
      this.model = model;
      this.plan = plan;
      this.validate = validate;
      this.tasks = model.tasks().size();
      this.weighting = config.newWeighting();
      this.lossHistory = new double[tasks][config.epochs()];
      this.losses = new EpochMeans(tasks);
      this.weights = new EpochMeans(tasks);
      this.scratch = new Batch[tasks];
      this.snapshots = checkpointDirectory != null || config.nonFinite() == NonFinitePolicy.ROLLBACK;
    }

    /** When the current epoch's steps began (or resumed): an epoch's seconds cover its steps and its validation. */
    private long epochStart;

    TrainingResult execute() {
      long start = System.nanoTime();
      FrozenParameters frozen = FrozenParameters.resolve(model, config.frozen());
      listeners.forEach(l -> l.onTrainingBegin(config.epochs(), plan.stepsPerEpoch()));
      try (DataParallel parallel = new DataParallel(config.threads()); BatchPlan reading = plan) {
        executor = new StepExecutor(model, weighting, parallel, optimizer(1), optimizer(1), config.gradClipNorm(),
            config.seed(), lossHistory, frozen, config.representationGradients(), plan.sharesRows(), config.losses());
        Path file = checkpointFile();
        if (resume && file != null && Files.exists(file)) {
          restore(CheckpointFile.load(file, checkpointKey), file);
          last = snapshot();
        } else {
          checkpoint(); // the starting point too: a run killed before its first step resumes from these weights
        }
        while (!finished && epoch < config.epochs()) {
          if (runEpoch()) endEpoch();
        }
      }
      int bestEpoch = best.restore(model.parameters().values(), records.size());
      TrainingResult result = new TrainingResult(records, bestEpoch, step, (System.nanoTime() - start) / 1e9);
      listeners.forEach(l -> l.onTrainingEnd(result));
      return result;
    }

    /** Runs the rest of the current epoch; false when a rollback moved the position instead. */
    private boolean runEpoch() {
      epochStart = System.nanoTime();
      // The epoch's order is a pure function of (seed, epoch): resuming replays it and skips the steps done, each
      // of which drew one batch per loss sample. So are the epoch's masked tokens.
      plan.drawTargets(model.tasks(), StepStreams.mix(config.seed(), epoch, StepStreams.TARGETS));
      plan.beginEpoch(new SplittableRandom(StepStreams.mix(config.seed(), epoch, StepStreams.SHUFFLE)));
      plan.skip(stepInEpoch * weighting.requirements().lossSamples(), scratch);
      while (stepInEpoch < plan.stepsPerEpoch()) {
        StepRecord record;
        try {
          record = executor.step(plan, epoch, step);
        } catch (NonFiniteLossException raw) {
          NonFiniteLossException e = raw.inBatch(epoch, stepInEpoch, plan.stepsPerEpoch());
          listeners.forEach(l -> l.onNonFinite(e, config.nonFinite()));
          if (config.nonFinite() == NonFinitePolicy.FAIL) throw e;
          if (config.nonFinite() == NonFinitePolicy.ROLLBACK) {
            rollback(e);
            return false;
          }
          record = StepRecord.skipped(epoch, step + 1, tasks);
        }
        step++;
        stepInEpoch++;
        accumulate(record);
        if (config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0
            && stepInEpoch < plan.stepsPerEpoch()) {
          checkpoint();
        }
      }
      return true;
    }

    private void accumulate(StepRecord record) {
      losses.add(record.losses());
      weights.add(record.weights());
      listeners.forEach(l -> l.onStep(record));
    }

    private void endEpoch() {
      double[] trainLoss = losses.means();
      for (int t = 0; t < tasks; t++) lossHistory[t][epoch] = trainLoss[t];
      long validationStart = System.nanoTime();
      Evaluation validation = validate == null ? null : validate.get();
      double validationSeconds = validate == null ? 0 : (System.nanoTime() - validationStart) / 1e9;
      double score = validation == null ? EpochRecord.trainingScore(model.tasks(), trainLoss)
          : validation.meanPrimaryScore();
      boolean isBest = best.offer(epoch, validation != null, score, model.parameters().values());
      EpochRecord record = new EpochRecord(epoch, trainLoss, weights.means(), validation, score, isBest,
          (System.nanoTime() - epochStart) / 1e9, validationSeconds);
      records.add(record);
      listeners.forEach(l -> l.onEpochEnd(record));
      epoch++;
      stepInEpoch = 0;
      losses.reset();
      weights.reset();
      finished = epoch >= config.epochs() || best.patienceSpent(config.patience());
      checkpoint();
    }

    private void checkpoint() {
      if (!snapshots) return;
      last = snapshot();
      Path file = checkpointFile();
      if (file != null) CheckpointFile.save(file, last, checkpointKey);
    }

    private Path checkpointFile() {
      return checkpointDirectory == null ? null : checkpointDirectory.resolve(CheckpointFile.NAME);
    }

    /** Back to the last checkpoint with a lower learning rate; fails after {@link #MAX_ROLLBACKS}. */
    private void rollback(NonFiniteLossException e) {
      if (rollbacks >= MAX_ROLLBACKS) {
        throw new NonFiniteLossException(e.task(), epoch, step, Double.NaN, "still not finite after " + rollbacks
            + " rollbacks (learning rate × " + lrScale + ")");
      }
      int count = rollbacks + 1;
      double scale = lrScale * config.rollbackFactor();
      restoreState(last, scale);
      rollbacks = count;
    }

    private TrainingCheckpoint snapshot() {
      double[][] history = new double[tasks][];
      for (int t = 0; t < tasks; t++) history[t] = lossHistory[t].clone();
      return new TrainingCheckpoint(epoch, stepInEpoch, step, finished, lrScale, rollbacks,
          model.parameters().values().clone(), executor.optimizer().state(), executor.learnableOptimizer().state(),
          executor.learnableValues(), weighting.state(), history, losses.sums(), losses.counts(), weights.sums(),
          weights.counts(), best.score(), best.epoch(), best.since(), best.weights(), List.copyOf(records),
          config.toMap());
    }

    private void restore(TrainingCheckpoint c, Path file) {
      for (String key : RESUME_KEYS) {
        String was = String.valueOf(c.config().get(key)), now = String.valueOf(config.toMap().get(key));
        if (!was.equals(now)) {
          throw new IllegalArgumentException(file + ": the checkpoint was written with training." + key + " = " + was
              + ", this run has " + now + "; resume with the same settings or start a new run");
        }
      }
      if (c.parameters().length != model.parameters().size()) {
        throw new IllegalArgumentException(file + ": the checkpoint holds " + c.parameters().length
            + " parameters, the model has " + model.parameters().size() + " (another model spec?)");
      }
      restoreState(c, c.lrScale());
      rollbacks = c.rollbacks();
    }

    private void restoreState(TrainingCheckpoint c, double scale) {
      lrScale = scale;
      executor.setOptimizers(optimizer(scale), optimizer(scale));
      executor.optimizer().restore(c.optimizer());
      executor.learnableOptimizer().restore(c.learnableOptimizer());
      System.arraycopy(c.parameters(), 0, model.parameters().values(), 0, c.parameters().length);
      executor.setLearnableValues(c.learnableValues());
      weighting.restoreState(c.weightingState());
      for (int t = 0; t < tasks; t++) {
        System.arraycopy(c.lossHistory()[t], 0, lossHistory[t], 0, Math.min(lossHistory[t].length, c.lossHistory()[t].length));
      }
      losses.restore(c.lossSum(), c.lossCount());
      weights.restore(c.weightSum(), c.weightCount());
      best = new BestEpoch(c.bestScore(), c.bestEpoch(), c.sinceBest(), c.bestWeights());
      records = new ArrayList<>(c.epochs());
      epoch = c.epoch();
      stepInEpoch = c.stepInEpoch();
      step = c.step();
      finished = c.finished();
    }

    private Optimizer optimizer(double scale) {
      LrSchedule base = config.schedule();
      LrSchedule schedule = scale == 1 ? base : s -> scale * base.rate(s);
      return config.newOptimizer(schedule);
    }

  }

  /**
   * Refuses data without labels for one of {@code tasks}: the check {@code fit} makes, for callers that hold the data
   * elsewhere (a Spark DataFrame's label columns), so both say the same.
   *
   * @param which "training" or "validation", the start of the message
   */
  public static void requireTasks(List<Task> tasks, List<String> dataTasks, String which) {
    for (Task t : tasks) {
      if (!dataTasks.contains(t.name())) {
        throw new IllegalArgumentException(which + " data has no labels for task '" + t.name() + "'; it has " + dataTasks);
      }
    }
  }

  /** Refuses data whose feature count is not the model's input width, as {@code fit} does. */
  public static void checkWidth(io.mtl4j.arch.ModelSpec spec, int features, String which) {
    // A feature-group model has no matrix width; each encoder checks its group's rows against its spec.
    if (spec.groups() != null) return;
    if (features != spec.inputs()) {
      throw new IllegalArgumentException(which + " data has " + features + " feature columns, the model expects "
          + spec.inputs());
    }
  }
}
