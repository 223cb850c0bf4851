package io.mtl4j.encode;

import io.mtl4j.autodiff.Var;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Module;

/**
 * Turns one feature group's batch into a vector per row. An encoder declares its parameters on a
 * {@link io.mtl4j.nn.ParameterBuffer.Builder} when built (from its {@link EncoderSpec}) and holds only references.
 */
public interface Encoder extends Module {
  /** d_g, the width of {@link #encode}'s output. */
  int outputSize();

  /** The group's rows [B, …] → [B, outputSize()]. */
  Var encode(Graph g, GroupRows rows);
}
