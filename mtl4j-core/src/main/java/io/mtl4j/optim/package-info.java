/**
 * Optimizers over one flat parameter buffer ({@code float[]} plus a gradient buffer of the same layout), learning-rate
 * schedules, global-norm gradient clipping and exact checkpoint state. Depends only on {@code config} (option binding, checks).
 * To add an optimizer: add a class here, its test, and one line in {@link io.mtl4j.optim.Optimizers}.
 */
package io.mtl4j.optim;
