package io.mtl4j.cli.config;

/** A config file that cannot be used; the message names the file, line:column, key path and expectation. */
public final class ConfigException extends IllegalArgumentException {
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
