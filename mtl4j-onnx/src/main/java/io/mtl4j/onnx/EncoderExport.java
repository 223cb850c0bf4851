package io.mtl4j.onnx;

import io.mtl4j.data.GroupedFeatures;
import io.mtl4j.encode.EncoderSpec;

/**
 * One feature group's encoder as ONNX nodes: the graph input(s) the group is read from, and the encoder's forward
 * pass from them. One class per encoder kind, registered in {@link EncoderExports}.
 */
interface EncoderExport {
  /**
   * Declares the group's graph input (named after the group) and returns the values the encoder reads.
   *
   * @param fitted the group's fitted preprocessing (raw columns in), or null when the model was saved without it
   * @param bag    a token group read as weighted ids ({@code BagRows}): a second input of weights
   */
  String[] inputs(Layers net, EncoderSpec spec, GroupedFeatures.Group fitted, boolean bag);

  /** The encoder's output [rows, d_g], with its parameters under {@code prefix}. */
  String encode(Layers net, EncoderSpec spec, String prefix, String[] inputs);
}
