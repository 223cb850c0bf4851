package io.mtl4j.spark;

import io.mtl4j.arch.ModelSpecMaps;
import io.mtl4j.arch.MultiTaskModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The models of a run's partitions, kept by each executor JVM between steps: building a model from its spec
 * allocates and randomly initialises every parameter, which a task did once per step before. A task {@link #take}s
 * its partition's model, which then holds only the step's broadcast parameters, and {@link #give}s it back after its
 * pass succeeded.
 *
 * <p>Never trusted stale: every parameter is overwritten from the broadcast on every take, a model is held by one
 * task at a time (a retry or speculative copy running meanwhile builds its own), a failed task gives nothing back, and
 * a lost executor loses its models with it; its replacement builds them again. The state is static because an
 * executor JVM outlives the tasks and Spark gives them nothing else to share; it is bounded ({@link #CAPACITY}
 * models, the least recently used dropped first) and keyed by a run id, so runs never share a model.
 */
final class ExecutorModels {
  /** Models kept per executor JVM: a few runs' partitions; an evicted one is simply rebuilt. */
  static final int CAPACITY = 16;

  private record Key(String run, int partition) {}

  private static final Map<Key, MultiTaskModel> IDLE = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, MultiTaskModel> eldest) {
      return size() > CAPACITY;
    }
  };

  private ExecutorModels() {}

  /**
   * Run {@code run}'s model for {@code partition}, holding {@code params}: the one kept here, or a new one of
   * {@code spec} (a model spec map) when there is none.
   */
  static MultiTaskModel take(String run, int partition, Supplier<Map<String, Object>> spec, float[] params) {
    MultiTaskModel kept;
    synchronized (IDLE) {
      kept = IDLE.remove(new Key(run, partition));
    }
    if (kept == null) return MultiTaskModel.create(ModelSpecMaps.fromMap(spec.get()), params);
    float[] values = kept.parameters().values();
    if (values.length != params.length) {
      throw new IllegalStateException("run " + run + ": a kept model has " + values.length + " parameters, the step "
          + "broadcast " + params.length);
    }
    System.arraycopy(params, 0, values, 0, values.length);
    return kept;
  }

  /** Keeps {@code model} for the next step of {@code run} on {@code partition}. */
  static void give(String run, int partition, MultiTaskModel model) {
    synchronized (IDLE) {
      IDLE.put(new Key(run, partition), model);
    }
  }

  /** Drops every kept model, as a lost executor does (tests). */
  static void clear() {
    synchronized (IDLE) {
      IDLE.clear();
    }
  }

  /** Models kept now. */
  static int kept() {
    synchronized (IDLE) {
      return IDLE.size();
    }
  }
}
