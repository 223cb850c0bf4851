/**
 * Layers as specs with views into one flat {@link io.mtl4j.nn.ParameterBuffer}: {@link io.mtl4j.nn.Linear},
 * {@link io.mtl4j.nn.Mlp}, embeddings, layer norm, dropout, activations and their initialisation. A module holds no
 * optimizer state. Depends on {@code autodiff} and {@code tensor}; {@code arch}, {@code train} and {@code io} use it.
 */
package io.mtl4j.nn;
