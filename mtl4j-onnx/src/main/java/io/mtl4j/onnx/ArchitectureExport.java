package io.mtl4j.onnx;

import io.mtl4j.arch.Architecture;

/**
 * The shared part of one architecture as ONNX nodes: from the model inputs [rows, D] to each task's representation,
 * the value its head reads. One class per architecture family, registered in {@link ArchitectureExports}.
 */
interface ArchitectureExport {
  /**
   * @param net          the graph and the model's parameters
   * @param architecture the model's architecture (its options are {@code model.spec().architecture()})
   * @param features     the model inputs [rows, D]
   * @param tasks        number of tasks T
   * @return each task's representation [rows, H_t]
   */
  String[] representations(Layers net, Architecture architecture, Architecture.Factory options, String features,
                           int tasks);
}
