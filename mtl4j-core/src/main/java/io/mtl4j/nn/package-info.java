/**
 * Layers as specs with views into one flat {@link io.mtl4j.nn.ParameterBuffer}: {@link io.mtl4j.nn.Linear},
 * {@link io.mtl4j.nn.Mlp}, embeddings, layer norm, dropout, activations and their initialisation, and the image
 * layers (convolution, transposed convolution, pooling, batch norm, up-sampling). A module holds no optimizer state;
 * batch norm's running statistics are non-trained state at the end of the buffer
 * ({@link io.mtl4j.nn.RunningStatistics}). Depends on {@code autodiff} and {@code tensor}; {@code arch}, {@code train}
 * and {@code io} use it.
 */
package io.mtl4j.nn;
