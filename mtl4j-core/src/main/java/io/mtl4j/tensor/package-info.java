/**
 * The numeric floor: {@link io.mtl4j.tensor.Tensor} ({@code float[]} plus a shape, row-major), shape checks
 * with readable messages, {@link io.mtl4j.tensor.Blas}, the only door to the native BLAS (checked by
 * {@code PackageDependenciesTest}), and {@link io.mtl4j.tensor.Permutations}, the one seeded shuffle of rows, splits
 * and task orders. Depends on no mtl4j package; every numeric package may depend on it.
 */
package io.mtl4j.tensor;
