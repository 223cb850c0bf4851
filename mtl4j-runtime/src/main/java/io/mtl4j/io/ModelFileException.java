package io.mtl4j.io;

import java.nio.file.Path;

/**
 * A model or checkpoint file that cannot be read or written: the message names the file and what is wrong. An
 * {@link IllegalArgumentException}, so the CLI maps it to the bad-input exit code.
 */
public final class ModelFileException extends IllegalArgumentException {
  public ModelFileException(Path file, String problem) {
    super(file + ": " + problem);
  }

  public ModelFileException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem + (cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"),
        cause);
  }
}
