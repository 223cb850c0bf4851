package io.mtl4j.train;

import io.mtl4j.data.Sampling;
import io.mtl4j.optim.LrSchedule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How to train: an immutable record validated where it is built; every field has a config name of the same words.
 *
 * @param epochs          maximum number of passes over the training data
 * @param batchSize       rows per step (per task in multi-input data)
 * @param threads         data-parallel workers, at most {@link ThreadLimit#max()}; a given seed and thread count give
 *                        bit-identical results
 * @param seed            run seed: shuffling, dropout and weighting draws derive from it
 * @param optimizer       optimizer registry name (sgd, adam, adamw)
 * @param optimizerOptions optimizer options by name (learningRate, weightDecay, …)
 * @param schedule        learning-rate schedule (a multiplier of the optimizer's rate per step)
 * @param gradClipNorm    clip the global gradient norm to this value; 0 disables
 * @param weighting       weighting registry name (ew, uw, pcgrad, …)
 * @param weightingOptions weighting options by name
 * @param patience        epochs without improvement of the validation score before stopping; 0 disables
 * @param sampling        how multi-input steps draw per-task batches
 * @param checkpointEvery with checkpoints on, also write one every this many steps (0: only at the end of each epoch)
 * @param nonFinite       what a NaN/Inf loss or gradient does: fail (default), skip the batch, or roll back
 * @param rollbackFactor  learning-rate multiplier applied at each rollback, in (0, 1)
 * @param frozen          parameters that get no update: {@code shared}, {@code task:NAME}, a parameter name, or a
 *                        name prefix ending in {@code *} (see {@link FrozenParameters})
 * @param representationGradients gradient weightings see per-task gradients of the shared representation instead of
 *                        the shared parameters (LibMTL's {@code rep_grad}): one backward pass through the shared part
 *                        instead of one per task; needs an architecture with a single shared cut
 */
public record TrainingConfig(int epochs, int batchSize, int threads, long seed, String optimizer,
                             Map<String, Object> optimizerOptions, LrSchedule schedule, double gradClipNorm, String weighting,
                             Map<String, Object> weightingOptions, int patience, Sampling sampling, int checkpointEvery,
                             NonFinitePolicy nonFinite, double rollbackFactor, List<String> frozen,
                             boolean representationGradients) {
  public TrainingConfig {
    positive("epochs", epochs);
    positive("batchSize", batchSize);
    ThreadLimit.check("training.threads", threads);
    if (!(gradClipNorm >= 0 && Double.isFinite(gradClipNorm))) {
      throw new IllegalArgumentException("training.gradClipNorm = " + gradClipNorm + ", expected a finite value ≥ 0 (0 disables)");
    }
    if (patience < 0) {
      throw new IllegalArgumentException("training.patience = " + patience + ", expected ≥ 0 (0 disables early stopping)");
    }
    optimizerOptions = Map.copyOf(optimizerOptions == null ? Map.of() : optimizerOptions);
    weightingOptions = Map.copyOf(weightingOptions == null ? Map.of() : weightingOptions);
    schedule = schedule == null ? LrSchedule.constant() : schedule;
    if (optimizer == null) throw new IllegalArgumentException("training.optimizer is missing");
    if (weighting == null) throw new IllegalArgumentException("training.weighting is missing");
    if (sampling == null) throw new IllegalArgumentException("training.sampling is missing");
    if (checkpointEvery < 0) {
      throw new IllegalArgumentException("training.checkpointEvery = " + checkpointEvery
          + ", expected ≥ 0 steps (0: checkpoint at the end of each epoch only)");
    }
    nonFinite = nonFinite == null ? NonFinitePolicy.FAIL : nonFinite;
    if (!(rollbackFactor > 0 && rollbackFactor < 1)) {
      throw new IllegalArgumentException("training.rollbackFactor = " + rollbackFactor + ", expected a value in (0, 1)");
    }
    frozen = List.copyOf(frozen == null ? List.of() : frozen);
    checkLearningRate(optimizerOptions);
  }

  /** The original twelve settings; checkpoints every epoch, fail on non-finite values, nothing frozen. */
  public TrainingConfig(int epochs, int batchSize, int threads, long seed, String optimizer,
                        Map<String, Object> optimizerOptions, LrSchedule schedule, double gradClipNorm, String weighting,
                        Map<String, Object> weightingOptions, int patience, Sampling sampling) {
    this(epochs, batchSize, threads, seed, optimizer, optimizerOptions, schedule, gradClipNorm, weighting,
        weightingOptions, patience, sampling, 0, NonFinitePolicy.FAIL, 0.5, List.of(), false);
  }

  // The optimizer checks it too, but only when built; a config should fail where it is read.
  private static void checkLearningRate(Map<String, Object> options) {
    Object lr = options.get("learningRate");
    if (lr instanceof Number n && !(n.doubleValue() > 0 && Double.isFinite(n.doubleValue()))) {
      throw new IllegalArgumentException("training.learningRate = " + lr + ", expected a finite value > 0");
    }
  }

  /** The settings as a JSON-able map (model-file provenance, checkpoint compatibility checks). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epochs", epochs);
    m.put("batchSize", batchSize);
    m.put("threads", threads);
    m.put("seed", seed);
    m.put("optimizer", optimizer);
    m.put("optimizerOptions", new TreeMap<>(optimizerOptions));
    m.put("schedule", schedule.toString());
    m.put("gradClipNorm", gradClipNorm);
    m.put("weighting", weighting);
    m.put("weightingOptions", new TreeMap<>(weightingOptions));
    m.put("patience", patience);
    m.put("sampling", sampling.configName());
    m.put("checkpointEvery", checkpointEvery);
    m.put("nonFinite", nonFinite.configName());
    m.put("rollbackFactor", rollbackFactor);
    m.put("frozen", frozen);
    m.put("representationGradients", representationGradients);
    return m;
  }

  private static void positive(String key, int value) {
    if (value <= 0) throw new IllegalArgumentException("training." + key + " = " + value + ", expected an integer > 0");
  }

  /** A builder holding these settings, to change a few. */
  public Builder toBuilder() {
    return builder().epochs(epochs).batchSize(batchSize).threads(threads).seed(seed).optimizer(optimizer, optimizerOptions)
        .schedule(schedule).gradClipNorm(gradClipNorm).weighting(weighting, weightingOptions).patience(patience)
        .sampling(sampling).checkpointEvery(checkpointEvery).nonFinite(nonFinite).rollbackFactor(rollbackFactor)
        .frozen(frozen).representationGradients(representationGradients);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults: 10 epochs, batch 256, 1 thread, seed 1, Adam (lr 1e-3), EW, no clipping, no early stopping. */
  public static final class Builder {
    private int epochs = 10;
    private int batchSize = 256;
    private int threads = 1;
    private long seed = 1;
    private String optimizer = "adam";
    private Map<String, Object> optimizerOptions = Map.of();
    private LrSchedule schedule = LrSchedule.constant();
    private double gradClipNorm;
    private String weighting = "ew";
    private Map<String, Object> weightingOptions = Map.of();
    private int patience;
    private Sampling sampling = Sampling.CYCLE;
    private int checkpointEvery;
    private NonFinitePolicy nonFinite = NonFinitePolicy.FAIL;
    private double rollbackFactor = 0.5;
    private List<String> frozen = List.of();
    private boolean representationGradients;

    public Builder epochs(int v) { epochs = v; return this; }
    public Builder batchSize(int v) { batchSize = v; return this; }
    public Builder threads(int v) { threads = v; return this; }
    public Builder seed(long v) { seed = v; return this; }
    public Builder optimizer(String name, Map<String, Object> options) { optimizer = name; optimizerOptions = options; return this; }
    public Builder learningRate(double lr) {
      java.util.Map<String, Object> o = new java.util.HashMap<>(optimizerOptions);
      o.put("learningRate", lr);
      optimizerOptions = o;
      return this;
    }
    public Builder schedule(LrSchedule v) { schedule = v; return this; }
    public Builder gradClipNorm(double v) { gradClipNorm = v; return this; }
    public Builder weighting(String name) { weighting = name; return this; }
    public Builder weighting(String name, Map<String, Object> options) { weighting = name; weightingOptions = options; return this; }
    public Builder patience(int v) { patience = v; return this; }
    public Builder sampling(Sampling v) { sampling = v; return this; }
    public Builder checkpointEvery(int steps) { checkpointEvery = steps; return this; }
    public Builder nonFinite(NonFinitePolicy v) { nonFinite = v; return this; }
    public Builder rollbackFactor(double v) { rollbackFactor = v; return this; }
    public Builder frozen(List<String> v) { frozen = v; return this; }
    public Builder frozen(String... v) { frozen = List.of(v); return this; }
    public Builder representationGradients(boolean v) { representationGradients = v; return this; }

    public TrainingConfig build() {
      return new TrainingConfig(epochs, batchSize, threads, seed, optimizer, optimizerOptions, schedule, gradClipNorm, weighting,
          weightingOptions, patience, sampling, checkpointEvery, nonFinite, rollbackFactor, frozen, representationGradients);
    }
  }
}
