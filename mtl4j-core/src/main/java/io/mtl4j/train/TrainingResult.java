package io.mtl4j.train;

import java.util.List;

/**
 * What a training run did. The model holds the best epoch's weights when validation data was given.
 *
 * @param bestEpoch 0-based epoch whose weights the model holds
 */
public record TrainingResult(List<EpochRecord> epochs, int bestEpoch, long steps, double seconds) {
  public TrainingResult {
    epochs = List.copyOf(epochs);
  }

  public EpochRecord best() {
    return epochs.get(bestEpoch);
  }
}
