/** The YAML run configuration ({@link io.mtl4j.cli.config.RunConfig}) and its loader with key-path error messages. */
package io.mtl4j.cli.config;
