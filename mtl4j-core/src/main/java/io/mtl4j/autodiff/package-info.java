/**
 * Reverse-mode automatic differentiation on {@code float[]} tensors: the {@link io.mtl4j.autodiff.Tape}
 * records each op with its backward rule side by side (one file per op family: matmul, elementwise, reductions,
 * softmax, mixtures, norms, dropout, the soft-sharing penalties, and the NCHW image ops: convolution and
 * transposed convolution through im2col, pooling, batch norm, up-sampling). Depends only on {@code tensor} and
 * {@code linalg}; {@code nn}, {@code task}, {@code arch} and {@code train} build on it.
 */
package io.mtl4j.autodiff;
