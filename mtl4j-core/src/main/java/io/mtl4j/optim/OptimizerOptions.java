package io.mtl4j.optim;

/**
 * An optimizer's hyperparameters as a value: a validated record ({@link SGD.Options}, {@link Adam.Options},
 * {@link AdamW.Options}, or a user's own) that names its optimizer and builds a fresh one per run. A training config
 * holds options, never an optimizer, because an optimizer carries state (moments) and a config is reused across runs.
 */
public interface OptimizerOptions {

  /** The registry name recorded in provenance and checkpoints ({@code adam}). */
  String optimizerName();

  /** Base learning rate before the schedule. */
  double learningRate();

  /** These options with another base learning rate. */
  OptimizerOptions withLearningRate(double learningRate);

  /** A new optimizer with these options, its rate multiplied by {@code schedule}. */
  Optimizer create(LrSchedule schedule);
}
