/**
 * Readers of input files into {@link io.mtl4j.data.Table}s: delimited text (CSV, gzipped or not), streamed in chunks.
 * Add a reader here (one class per format) and its test.
 */
package io.mtl4j.data.read;
