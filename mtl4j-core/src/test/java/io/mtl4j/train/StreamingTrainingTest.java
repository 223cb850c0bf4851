package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.FeatureOptions;
import io.mtl4j.data.HashSplit;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.RowStream;
import io.mtl4j.data.StreamFixtures;
import io.mtl4j.data.StreamingFit;
import io.mtl4j.data.StreamingOptions;
import io.mtl4j.data.Table;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.metrics.Metrics;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StreamingTrainingTest {
  private static final List<Task> TASKS = List.of(Task.of("y", TaskType.binary(), "auc"),
      Task.of("k", TaskType.multiclass(3), "accuracy"), Task.of("r", TaskType.regression(), "rmse"));

  /** A file of {@code rows} rows read in chunks, split 80/20 by row hash, with preprocessing fitted streaming. */
  private record Streamed(Table table, HashSplit split, StreamingFit.Result fit, StreamingOptions options) {
    static Streamed of(int rows, long seed, int chunkRows, int buffer) {
      return of(rows, seed, new StreamingOptions(chunkRows, buffer, 10_000));
    }

    static Streamed of(int rows, long seed, StreamingOptions options) {
      Table table = StreamFixtures.table(rows, seed);
      HashSplit split = new HashSplit(0.2, seed);
      int chunkRows = options.chunkRows();
      StreamingFit.Result fit = StreamingFit.fit(StreamFixtures.chunks(table, chunkRows), split,
          FeatureOptions.defaults(), StreamFixtures.labels(), options);
      return new Streamed(table, split, fit, options);
    }

    RowStream train() {
      return RowStream.training(StreamFixtures.chunks(table, options.chunkRows()), split, fit, options);
    }

    RowStream valid() {
      return RowStream.validation(StreamFixtures.chunks(table, options.chunkRows()), split, fit, options);
    }

    /** The same side's rows in memory, encoded with the same preprocessing. */
    Dataset inMemory(boolean validation) {
      Preprocessing p = fit.preprocessing();
      return p.dataset(table, StreamFixtures.side(table.rows(), split, validation));
    }

    MultiTaskModel model(long seed) {
      return MultiTaskModel.create(new ModelSpec(fit.preprocessing().width(), TASKS, new SharedBottom.Options(16),
          new Head.Options()), seed);
    }
  }

  private static TrainingConfig.Builder config() {
    return TrainingConfig.builder().epochs(4).batchSize(32).seed(5).learningRate(0.01).patience(0);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void streamedTrainingReachesWhatInMemoryTrainingReachesOnTheSameRows(long seed) {
    Streamed s = Streamed.of(3000, seed, 250, 3000);
    MultiTaskModel streamed = s.model(seed), memory = s.model(seed);
    new Trainer(config().build()).fit(streamed, s.train(), null);
    new Trainer(config().build()).fit(memory, s.inMemory(false), null);
    Dataset valid = s.inMemory(true);
    Evaluation a = ModelEvaluator.evaluate(streamed, valid), b = ModelEvaluator.evaluate(memory, valid);
    // Same rows, another (equally uniform) shuffle: both learn the planted tasks, to within seed-to-seed noise.
    assertThat(a.value("y", "auc")).isGreaterThan(0.9).isCloseTo(b.value("y", "auc"), within(0.02));
    assertThat(a.value("k", "accuracy")).isGreaterThan(0.8).isCloseTo(b.value("k", "accuracy"), within(0.05));
    assertThat(a.value("r", "rmse")).isLessThan(1.0).isCloseTo(b.value("r", "rmse"), within(0.15));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2})
  void streamedEvaluationEqualsInMemoryEvaluationOfTheSameRows(long seed) {
    Streamed s = Streamed.of(1000, seed, 64, 100);
    MultiTaskModel m = s.model(seed);
    new Trainer(config().epochs(1).build()).fit(m, s.train(), null);
    Evaluation streamed = ModelEvaluator.evaluate(m, s.valid(), Metrics.defaults());
    Evaluation memory = ModelEvaluator.evaluate(m, s.inMemory(true));
    for (Evaluation.Score score : memory.scores()) {
      assertThat(streamed.value(score.task(), score.metric())).as(score.task() + " " + score.metric())
          .isCloseTo(score.value(), within(1e-6)); // a chunk-sized batch may round a matmul differently
    }
  }

  @ParameterizedTest(name = "{0} thread(s), buffer {1}")
  @CsvSource({"1, 50", "2, 50", "2, 5000"})
  void sameSeedGivesBitIdenticalWeightsWhateverTheChunkSize(int threads, int buffer) {
    Streamed small = Streamed.of(800, 4, 7, buffer), large = Streamed.of(800, 4, 500, buffer);
    MultiTaskModel a = small.model(9), b = large.model(9);
    TrainingResult ra = new Trainer(config().threads(threads).build()).fit(a, small.train(), small.valid());
    new Trainer(config().threads(threads).build()).fit(b, large.train(), large.valid());
    assertThat(a.parameters().values()).containsExactly(b.parameters().values());
    // Every epoch reads each training row once: ⌈rows / batch⌉ steps.
    assertThat(ra.steps()).isEqualTo(4 * ((small.fit().trainRows() + 31) / 32));
    assertThat(ra.epochs().get(3).validation()).isNotNull();
  }

  @TempDir
  Path cacheDir;

  @ParameterizedTest(name = "{0} thread(s), chunks of {1}")
  @CsvSource({"1, 7", "2, 64", "2, 1000"})
  void parseAheadAndTheRowCacheChangeNoBitOfTheWeightsOrTheValidation(int threads, int chunkRows) throws Exception {
    StreamingOptions plain = new StreamingOptions(chunkRows, 200, 10_000);
    Streamed a = Streamed.of(800, 6, plain), b = Streamed.of(800, 6, plain.withParseAhead(true).withCache(cacheDir, 1L << 30));
    MultiTaskModel ma = a.model(3), mb = b.model(3);
    TrainingResult ra = new Trainer(config().threads(threads).build()).fit(ma, a.train(), a.valid());
    TrainingResult rb;
    try (RowStream train = b.train(); RowStream valid = b.valid()) {
      assertThat(train.cached()).isTrue();
      rb = new Trainer(config().threads(threads).build()).fit(mb, train, valid);
      try (var files = Files.list(cacheDir)) {
        assertThat(files.count()).as("one cache per side").isEqualTo(2);
      }
    }
    assertThat(mb.parameters().values()).containsExactly(ma.parameters().values());
    for (int e = 0; e < 4; e++) {
      Evaluation va = ra.epochs().get(e).validation(), vb = rb.epochs().get(e).validation();
      for (Evaluation.Score score : va.scores()) {
        assertThat(vb.value(score.task(), score.metric())).isEqualTo(score.value());
      }
    }
    try (var files = Files.list(cacheDir)) {
      assertThat(files).as("closing the streams deletes their caches").isEmpty();
    }
  }

  /**
   * The exact weights of a fixed-seed streamed run (SHA-256 of their float bits), recorded before the shuffle buffer
   * drew cached rows by their place in the cache instead of copying them: the chunk size, the threads, parse-ahead
   * and the cache (epochs 2–4 read it) must not change a bit of the order or the arithmetic.
   */
  @ParameterizedTest(name = "{0} thread(s), chunks of {1}, parse-ahead and cache {2}")
  @CsvSource({
      "1, 7,    false, cdecd24e64f3f6e7a3d1515129433fb1d36859e66857e4c09caae7ad5eb4ae3c",
      "1, 1000, true,  cdecd24e64f3f6e7a3d1515129433fb1d36859e66857e4c09caae7ad5eb4ae3c",
      "2, 64,   true,  cd69a3ac8d7982679be6cc30699c3daf07598663fc2ae4bc334bb6a2b45eba38",
      "2, 64,   false, cd69a3ac8d7982679be6cc30699c3daf07598663fc2ae4bc334bb6a2b45eba38"})
  void aFixedSeedStreamedRunKeepsItsWeightHash(int threads, int chunkRows, boolean cached, String sha256) {
    StreamingOptions plain = new StreamingOptions(chunkRows, 200, 10_000);
    Streamed s = Streamed.of(800, 6, cached ? plain.withParseAhead(true).withCache(cacheDir, 1L << 30) : plain);
    MultiTaskModel m = s.model(3);
    try (RowStream train = s.train()) {
      assertThat(train.cached()).isEqualTo(cached);
      new Trainer(config().threads(threads).build()).fit(m, train, null);
    }
    // Two threads sum their shards' gradients in another order than one thread: another, equally fixed, result.
    assertThat(sha256(m.parameters().values())).isEqualTo(sha256);
  }

  private static String sha256(float[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES);
    for (float v : values) bytes.putInt(Float.floatToRawIntBits(v));
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }
}
