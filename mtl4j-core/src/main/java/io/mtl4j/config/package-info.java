/**
 * Binding of configuration maps (YAML or Java {@code Map}s) onto validated options records, with errors that
 * name the key path and the expected value. Depends on nothing else in mtl4j, so every registry ({@code arch},
 * {@code weighting}, …) may use it.
 */
package io.mtl4j.config;
