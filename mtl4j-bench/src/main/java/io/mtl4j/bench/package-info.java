/**
 * JMH benchmarks of core's kernels (matmul, elementwise, mixtures): the evidence behind each fused op. Depends on
 * core's {@code autodiff} and {@code tensor}; nothing depends on it.
 */
package io.mtl4j.bench;
