package io.mtl4j.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a model file stores besides the network: the fitted preprocessing (opaque to this package, saved and
 * restored verbatim), the training configuration as a map, and provenance. Maps hold only JSON values: strings,
 * numbers, booleans, null, lists and maps.
 */
public record ModelMetadata(Map<String, Object> preprocessing, Map<String, Object> training, Provenance provenance) {
  public ModelMetadata {
    preprocessing = preprocessing == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(preprocessing));
    training = training == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(training));
    provenance = provenance == null ? new Provenance(null, 0, 1, ModelFile.MTL4J_VERSION, null) : provenance;
  }

  /** No preprocessing, no training config, unknown provenance. */
  public static ModelMetadata empty() {
    return new ModelMetadata(Map.of(), Map.of(), null);
  }

  public ModelMetadata withPreprocessing(Map<String, Object> p) {
    return new ModelMetadata(p, training, provenance);
  }

  public ModelMetadata withTraining(Map<String, Object> t) {
    return new ModelMetadata(preprocessing, t, provenance);
  }

  public ModelMetadata withProvenance(Provenance p) {
    return new ModelMetadata(preprocessing, training, p);
  }
}
