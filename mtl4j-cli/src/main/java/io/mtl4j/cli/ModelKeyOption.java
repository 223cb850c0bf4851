package io.mtl4j.cli;

import io.mtl4j.cli.run.ModelStore;
import io.mtl4j.io.ModelKey;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model-key-file FILE} of every command that saves or loads models; it wins over {@value ModelKey#ENV}. */
final class ModelKeyOption {
  @Option(names = "--model-key-file", paramLabel = "FILE", description = "model key: models written carry an HMAC "
      + "under it, models read must (default: the file named by $" + ModelKey.ENV + "; see docs/security.md)")
  Path file;

  /** The key of the flag, else of the environment variable, else null; a bad key file is bad input (exit 2). */
  ModelKey key() {
    return ModelStore.key(file);
  }
}
