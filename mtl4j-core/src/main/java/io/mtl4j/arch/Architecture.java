package io.mtl4j.arch;

import io.mtl4j.autodiff.Var;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Module;
import io.mtl4j.nn.ParameterBuffer;

/** The shared part of a multi-task network. One class per architecture, each citing its paper in one Javadoc line. */
public interface Architecture extends Module {

  /** Builds an architecture's parameters on a builder; implemented by each architecture's Options record. */
  interface Factory {
    /** Registry name, e.g. {@code mmoe}. */
    String name();

    Architecture create(ParameterBuffer.Builder builder, int inputs, int tasks);
  }

  /**
   * Per-task representations of {@code input} [B, D].
   *
   * @param tasks which tasks to compute (multi-input steps ask for one at a time)
   */
  TaskRepresentations forward(Graph g, Var input, int[] tasks);

  /**
   * Whether {@link #forward} returns {@link TaskRepresentations#shared()}: one tensor between the shared and the
   * task-owned parameters, which representation-gradient weighting needs. Declared, so a run is checked before it
   * starts.
   */
  default boolean hasSharedCut() {
    return false;
  }

  /** Width of task {@code task}'s representation, the input of its head. */
  int outputSize(int task);

  /**
   * A scalar penalty on the architecture's own parameters that the trainer adds, with weight 1, to every training
   * step's objective (soft parameter sharing); null when there is none.
   */
  default Var regularization(Graph g) {
    return null;
  }
}
