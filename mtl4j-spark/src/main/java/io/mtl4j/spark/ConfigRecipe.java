package io.mtl4j.spark;

import io.mtl4j.optim.LrSchedule;
import io.mtl4j.train.TrainingConfig;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link TrainingConfig} as the settings an executor rebuilds it from: model averaging's partitions run whole
 * steps, so they need the weighting and the optimizer, which the config holds as factories that do not travel.
 * Registry names and options travel instead (the defaults registries bind them again).
 */
record ConfigRecipe(int epochs, int batchSize, long seed, String optimizer, Map<String, Object> optimizerOptions,
                    LrSchedule schedule, double gradClipNorm, String weighting, Map<String, Object> weightingOptions,
                    List<String> frozen, boolean representationGradients) implements ModelAveraging.ConfigSource {
  private static final long serialVersionUID = 1L;

  /**
   * The recipe of {@code config}.
   *
   * @throws IllegalArgumentException when the rebuilt config would differ (a weighting or optimizer made in code, not
   *                                  by registry name)
   */
  static ConfigRecipe of(TrainingConfig config) {
    ConfigRecipe recipe = new ConfigRecipe(config.epochs(), config.batchSize(), config.seed(),
        config.optimizer().name(), new TreeMap<>(config.optimizer().options()), config.schedule(),
        config.gradClipNorm(), config.weighting().name(), new TreeMap<>(config.weighting().options()),
        List.copyOf(config.frozen()), config.representationGradients());
    Map<String, Object> rebuilt;
    try {
      rebuilt = recipe.config().toMap();
    } catch (IllegalArgumentException e) {
      throw refused(config, e.getMessage());
    }
    Map<String, Object> expected = config.toMap();
    for (String key : List.of("threads", "patience", "sampling", "checkpointEvery", "nonFinite", "rollbackFactor")) {
      rebuilt.remove(key); // driver-side settings: the partitions' local steps do not read them
      expected.remove(key);
    }
    if (!rebuilt.equals(expected)) throw refused(config, "rebuilt as " + rebuilt);
    return recipe;
  }

  private static IllegalArgumentException refused(TrainingConfig config, String why) {
    return new IllegalArgumentException("model averaging rebuilds training.optimizer '" + config.optimizer().name()
        + "' and training.weighting '" + config.weighting().name() + "' on every executor by registry name and "
        + "options, which failed for this config (" + why + "); use a registered weighting and optimizer, or "
        + "synchronous training");
  }

  @Override
  public TrainingConfig config() {
    return TrainingConfig.builder().epochs(epochs).batchSize(batchSize).seed(seed)
        .optimizer(optimizer, optimizerOptions).schedule(schedule).gradClipNorm(gradClipNorm)
        .weighting(weighting, weightingOptions).frozen(frozen).representationGradients(representationGradients)
        .build();
  }
}
