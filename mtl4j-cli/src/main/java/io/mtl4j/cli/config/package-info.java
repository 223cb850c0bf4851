/**
 * The YAML run configuration ({@link io.mtl4j.cli.config.RunConfig}) and its loader with key-path error messages.
 * Depends on Jackson only; the commands and their plumbing read it.
 */
package io.mtl4j.cli.config;
