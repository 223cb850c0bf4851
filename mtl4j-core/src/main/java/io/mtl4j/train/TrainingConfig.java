package io.mtl4j.train;

import io.mtl4j.data.Sampling;
import io.mtl4j.optim.LrSchedule;
import java.util.Map;

/**
 * How to train: an immutable record validated where it is built; every field has a config name of the same words.
 *
 * @param epochs          maximum number of passes over the training data
 * @param batchSize       rows per step (per task in multi-input data)
 * @param threads         data-parallel workers; a given seed and thread count give bit-identical results
 * @param seed            run seed: shuffling, dropout and weighting draws derive from it
 * @param optimizer       optimizer registry name (sgd, adam, adamw)
 * @param optimizerOptions optimizer options by name (learningRate, weightDecay, …)
 * @param schedule        learning-rate schedule (a multiplier of the optimizer's rate per step)
 * @param gradClipNorm    clip the global gradient norm to this value; 0 disables
 * @param weighting       weighting registry name (ew, uw, pcgrad, …)
 * @param weightingOptions weighting options by name
 * @param patience        epochs without improvement of the validation score before stopping; 0 disables
 * @param sampling        how multi-input steps draw per-task batches
 */
public record TrainingConfig(int epochs, int batchSize, int threads, long seed, String optimizer,
                             Map<String, Object> optimizerOptions, LrSchedule schedule, double gradClipNorm, String weighting,
                             Map<String, Object> weightingOptions, int patience, Sampling sampling) {
  public TrainingConfig {
    positive("epochs", epochs);
    positive("batchSize", batchSize);
    positive("threads", threads);
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
  }

  private static void positive(String key, int value) {
    if (value <= 0) throw new IllegalArgumentException("training." + key + " = " + value + ", expected an integer > 0");
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

    public TrainingConfig build() {
      return new TrainingConfig(epochs, batchSize, threads, seed, optimizer, optimizerOptions, schedule, gradClipNorm, weighting,
          weightingOptions, patience, sampling);
    }
  }
}
