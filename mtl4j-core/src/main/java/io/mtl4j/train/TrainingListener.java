package io.mtl4j.train;

/** Hooks for progress bars and logs; every method is optional. */
public interface TrainingListener {
  default void onTrainingBegin(int epochs, int stepsPerEpoch) {}

  /** After each optimizer step, with the per-task losses of that step. */
  default void onStep(int epoch, long step, double[] losses) {}

  default void onEpochEnd(EpochRecord record) {}

  /** A non-finite loss or gradient was met; {@code action} says what the trainer does about it. */
  default void onNonFinite(NonFiniteLossException problem, NonFinitePolicy action) {}

  default void onTrainingEnd(TrainingResult result) {}
}
