/**
 * Readers of input files into {@link io.mtl4j.data.Table}s: delimited text (CSV, gzipped or not), LibSVM and ARFF,
 * streamed in chunks; and MNIST's IDX image and label files ({@link io.mtl4j.data.read.IdxSource}). Depends on
 * {@code data} and {@code tensor}; the CLI picks a reader by file name.
 * To add a format: add a class here (one class per format) and its test.
 */
package io.mtl4j.data.read;
