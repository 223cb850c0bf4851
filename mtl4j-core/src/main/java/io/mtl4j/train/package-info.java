/**
 * The training loop: {@link io.mtl4j.train.Trainer} runs epochs of batches (data → model → losses → weighting
 * → optimizer) as a validated {@link io.mtl4j.train.TrainingConfig} says, data-parallel with a fixed-order reduce,
 * with early stopping, non-finite guards, listeners and exact checkpoints. Depends on {@code arch}, {@code data},
 * {@code weighting}, {@code optim}, {@code metrics}, {@code io} (checkpoints) and the numeric packages; only the
 * CLI and user code sit above it.
 */
package io.mtl4j.train;
