package io.mtl4j.cli.study;

import io.mtl4j.train.ThreadLimit;
import io.mtl4j.train.TrainingConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every FDU-MTL study shares: where the data are, the word table, training, seeds and concurrency. */
final class FduRunOptions {
  @Option(names = "--data-dir", required = true, description = "the fdu-mtl folder (48 .task.* files, gzipped or not)")
  Path dataDir;
  @Option(names = "--seeds", defaultValue = "3") int seeds;
  @Option(names = "--epochs", defaultValue = "30") int epochs;
  @Option(names = "--patience", defaultValue = "5") int patience;
  @Option(names = "--batch", defaultValue = "32", description = "rows per domain per step") int batch;
  @Option(names = "--learning-rate", defaultValue = "0.003") double learningRate;
  @Option(names = "--dimension", defaultValue = "64", description = "word-embedding size") int dimension;
  @Option(names = "--min-count", defaultValue = "2", description = "a word's training count to get its own row") int minCount;
  @Option(names = "--threads", description = "concurrent training runs, one core each (default: all cores)") Integer threads;
  @Option(names = "--out", required = true) Path out;

  /** Concurrent training runs; checks {@code --seeds} too, before any data are read. */
  int workers() {
    if (seeds < 1) throw new IllegalArgumentException("--seeds = " + seeds + ", expected ≥ 1");
    return threads == null ? Runtime.getRuntime().availableProcessors() : ThreadLimit.check("--threads", threads);
  }

  /** One run's training: one thread, early stopping on the dev splits. */
  TrainingConfig config(long seed) {
    return TrainingConfig.builder().epochs(epochs).batchSize(batch).threads(1).seed(seed).learningRate(learningRate)
        .patience(patience).build();
  }
}
