/**
 * Architectures: the shared part of a multi-task network ({@link io.mtl4j.arch.Architecture}: shared bottom, MMoE,
 * CGC/PLE, cross-stitch, MTAN, soft sharing, …), the per-task {@link io.mtl4j.arch.TaskHead}s
 * ({@link io.mtl4j.arch.Head} over a representation, {@link io.mtl4j.arch.DenseHead} over an image trunk's feature
 * map) and the {@link io.mtl4j.arch.MultiTaskModel} that joins them, described by a {@link io.mtl4j.arch.ModelSpec}.
 * Depends on {@code nn}, {@code autodiff}, {@code task}, {@code tensor} and {@code config}; {@code train}, {@code io}
 * and the CLI depend on it, and it never reaches back to them (a model does not know its file format: see
 * {@code io}). To add an architecture: add a class here, its test, and one line in
 * {@link io.mtl4j.arch.Architectures}.
 */
package io.mtl4j.arch;
