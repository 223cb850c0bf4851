package io.mtl4j.train;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.MultiInputData;
import io.mtl4j.data.Sampling;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.optim.Optimizer;
import io.mtl4j.optim.Optimizers;
import io.mtl4j.task.Task;
import io.mtl4j.weighting.Weighting;
import io.mtl4j.weighting.Weightings;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mini-batch training of a {@link MultiTaskModel}: seeded shuffling, data-parallel steps, validation each epoch,
 * early stopping on the mean validation metric and best-weights restore. Never names a weighting or architecture.
 */
public final class Trainer {
  private final TrainingConfig config;
  private final List<TrainingListener> listeners;

  public Trainer(TrainingConfig config, TrainingListener... listeners) {
    this.config = config;
    this.listeners = List.of(listeners);
  }

  /** Single-input training: every row carries labels for the tasks (missing ones masked). */
  public TrainingResult fit(MultiTaskModel model, Dataset train, Dataset valid) {
    requireTasks(model, train, "training");
    if (valid != null) requireTasks(model, valid, "validation");
    checkWidth(model, train.featureCount(), "training");
    return run(model, new BatchPlan.SingleInput(train, config.batchSize()),
        valid == null ? null : () -> ModelEvaluator.evaluate(model, valid));
  }

  /** Multi-input training: each task has its own dataset; per-task batches follow {@link TrainingConfig#sampling()}. */
  public TrainingResult fit(MultiTaskModel model, MultiInputData train, MultiInputData valid) {
    List<String> names = model.tasks().stream().map(Task::name).toList();
    for (String n : names) train.get(n);
    checkWidth(model, train.featureCount(), "training");
    Weighting probe = Weightings.create(config.weighting(), config.weightingOptions());
    if (config.sampling() != Sampling.CYCLE && probe.needs() != Weighting.Needs.LOSSES) {
      throw new IllegalArgumentException("training.weighting '" + config.weighting() + "' combines the gradients of all "
          + "tasks in each step, but training.sampling '" + config.sampling().configName() + "' trains one task per "
          + "step: use sampling 'cycle'");
    }
    return run(model, new BatchPlan.MultiInput(train, names, config.batchSize(), config.sampling()),
        valid == null ? null : () -> ModelEvaluator.evaluate(model, valid));
  }

  private TrainingResult run(MultiTaskModel model, BatchPlan plan, java.util.function.Supplier<Evaluation> validate) {
    int tasks = model.tasks().size();
    Weighting weighting = Weightings.create(config.weighting(), config.weightingOptions());
    Optimizer optimizer = Optimizers.create(config.optimizer(), config.optimizerOptions(), config.schedule());
    Optimizer learnableOptimizer = Optimizers.create(config.optimizer(), config.optimizerOptions(), config.schedule());
    double[][] lossHistory = new double[tasks][config.epochs()];
    SplittableRandom shuffle = new SplittableRandom(config.seed());
    List<EpochRecord> records = new ArrayList<>();
    float[] bestWeights = null;
    int bestEpoch = 0, sinceBest = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    long step = 0, start = System.nanoTime();
    listeners.forEach(l -> l.onTrainingBegin(config.epochs(), plan.stepsPerEpoch()));
    try (DataParallel parallel = new DataParallel(config.threads())) {
      StepExecutor executor = new StepExecutor(model, weighting, parallel, optimizer, learnableOptimizer,
          config.gradClipNorm(), config.seed(), lossHistory);
      for (int epoch = 0; epoch < config.epochs(); epoch++) {
        long epochStart = System.nanoTime();
        plan.beginEpoch(shuffle.split());
        double[] sum = new double[tasks];
        int[] count = new int[tasks];
        for (int i = 0; i < plan.stepsPerEpoch(); i++) {
          double[] losses = executor.step(plan, epoch, step++);
          for (int t = 0; t < tasks; t++) {
            if (!Double.isNaN(losses[t])) {
              sum[t] += losses[t];
              count[t]++;
            }
          }
          long s = step;
          int e = epoch;
          listeners.forEach(l -> l.onStep(e, s, losses));
        }
        double[] trainLoss = new double[tasks];
        for (int t = 0; t < tasks; t++) {
          trainLoss[t] = count[t] == 0 ? Double.NaN : sum[t] / count[t];
          lossHistory[t][epoch] = trainLoss[t];
        }
        Evaluation validation = validate == null ? null : validate.get();
        double score = validation == null ? -mean(trainLoss) : validation.meanPrimaryScore();
        boolean best = validation != null && (score > bestScore || bestWeights == null);
        if (best) {
          bestScore = score;
          bestEpoch = epoch;
          sinceBest = 0;
          bestWeights = model.parameters().values().clone();
        } else if (validation != null) {
          sinceBest++;
        }
        EpochRecord record = new EpochRecord(epoch, trainLoss, validation, score, best, (System.nanoTime() - epochStart) / 1e9);
        records.add(record);
        listeners.forEach(l -> l.onEpochEnd(record));
        if (config.patience() > 0 && sinceBest >= config.patience()) break;
      }
    }
    if (validate != null && bestWeights != null) {
      System.arraycopy(bestWeights, 0, model.parameters().values(), 0, bestWeights.length);
    } else {
      bestEpoch = records.size() - 1;
    }
    TrainingResult result = new TrainingResult(records, bestEpoch, step, (System.nanoTime() - start) / 1e9);
    listeners.forEach(l -> l.onTrainingEnd(result));
    return result;
  }

  private static double mean(double[] values) {
    double s = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        s += v;
        n++;
      }
    }
    return n == 0 ? 0 : s / n;
  }

  private static void requireTasks(MultiTaskModel model, Dataset data, String which) {
    for (Task t : model.tasks()) {
      if (!data.hasTask(t.name())) {
        throw new IllegalArgumentException(which + " data has no labels for task '" + t.name() + "'; it has " + data.tasks());
      }
    }
  }

  private static void checkWidth(MultiTaskModel model, int features, String which) {
    if (features != model.spec().inputs()) {
      throw new IllegalArgumentException(which + " data has " + features + " feature columns, the model expects "
          + model.spec().inputs());
    }
  }
}
