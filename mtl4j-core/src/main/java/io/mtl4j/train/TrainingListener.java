package io.mtl4j.train;

/** Hooks for progress bars and logs; every method is optional. */
public interface TrainingListener {
  default void onTrainingBegin(int epochs, int stepsPerEpoch) {}

  /** After each optimizer step, with the per-task losses of that step. */
  default void onStep(int epoch, long step, double[] losses) {}

  default void onEpochEnd(EpochRecord record) {}

  default void onTrainingEnd(TrainingResult result) {}
}
