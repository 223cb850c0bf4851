/**
 * Post-training quantization of trained models ({@link io.mtl4j.quant.Int8Weights}). Depends on {@code arch} and
 * {@code nn}; the CLI and the ONNX exporter use it, and nothing in training does.
 */
package io.mtl4j.quant;
