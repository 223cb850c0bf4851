/**
 * ONNX export: an mtl4j model and its fitted preprocessing as a standard ONNX graph plus a JSON sidecar
 * ({@link io.mtl4j.onnx.OnnxExport}). One exporter class per architecture family; to add one, write the class, a
 * parity case in {@code OnnxParityTest}, and one line in {@code ArchitectureExports}.
 */
package io.mtl4j.onnx;
