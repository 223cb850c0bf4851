package io.mtl4j.train;

/** Hooks for progress bars and logs; every method is optional. */
public interface TrainingListener {
  default void onTrainingBegin(int epochs, int stepsPerEpoch) {}

  /** After each optimizer step: its losses, the weights the method applied, the gradient norm and learning rate. */
  default void onStep(StepRecord record) {}

  default void onEpochEnd(EpochRecord record) {}

  /** A non-finite loss or gradient was met; {@code action} says what the trainer does about it. */
  default void onNonFinite(NonFiniteLossException problem, NonFinitePolicy action) {}

  default void onTrainingEnd(TrainingResult result) {}
}
