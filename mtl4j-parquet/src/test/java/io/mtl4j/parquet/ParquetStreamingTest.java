package io.mtl4j.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import blue.strategic.parquet.ParquetWriter;
import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.data.ChunkReader;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.FeatureOptions;
import io.mtl4j.data.HashSplit;
import io.mtl4j.data.LabelSpec;
import io.mtl4j.data.RowStream;
import io.mtl4j.data.StreamingFit;
import io.mtl4j.data.StreamingOptions;
import io.mtl4j.data.Table;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.train.ModelEvaluator;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Out-of-core training on a Parquet file: the same {@link RowStream} as CSV, fed by {@link ParquetSource#open}. */
class ParquetStreamingTest {
  @TempDir Path dir;

  private static final List<LabelSpec> LABELS = List.of(new LabelSpec("y", "binary", List.of("y"), List.of("1"), null),
      new LabelSpec("r", "regression", List.of("r"), null, null, true));
  private static final List<Task> TASKS = List.of(Task.of("y", TaskType.binary(), "auc"),
      Task.of("r", TaskType.regression(), "rmse"));

  private record Row(double x1, double x2, String c, int y, double r) {}

  /** {@code n} seeded rows: y = [x1 + x2 + (c = a) > 0.5], r = 3·x1 + noise, c missing in every tenth row. */
  private Path write(int n, long seed) throws IOException {
    Path p = dir.resolve("rows-" + seed + ".parquet");
    SplittableRandom random = new SplittableRandom(seed);
    try (ParquetWriter<Row> w = ParquetWriter.writeFile(MessageTypeParser.parseMessageType("message m { required double "
        + "x1; required double x2; optional binary c (UTF8); required int32 y; required double r; }"), p.toFile(),
        (row, out) -> {
          out.write("x1", row.x1());
          out.write("x2", row.x2());
          if (row.c() != null) out.write("c", row.c());
          out.write("y", row.y());
          out.write("r", row.r());
        })) {
      for (int i = 0; i < n; i++) {
        double x1 = random.nextGaussian(), x2 = random.nextGaussian();
        String c = String.valueOf("abcd".charAt(random.nextInt(4)));
        int y = x1 + x2 + (c.equals("a") ? 1 : 0) > 0.5 ? 1 : 0;
        w.write(new Row(x1, x2, i % 10 == 0 ? null : c, y, 3 * x1 + 0.1 * random.nextGaussian()));
      }
    }
    return p;
  }

  private record Streamed(Supplier<ChunkReader> source, HashSplit split, StreamingFit.Result fit, StreamingOptions options) {
    static Streamed of(Path file, long seed, StreamingOptions options) {
      Supplier<ChunkReader> source = () -> ParquetSource.open(file, options.chunkRows());
      HashSplit split = new HashSplit(0.2, seed);
      return new Streamed(source, split, StreamingFit.fit(source, split, FeatureOptions.defaults(), LABELS, options),
          options);
    }

    RowStream side(boolean validation) {
      return validation ? RowStream.validation(source, split, fit, options) : RowStream.training(source, split, fit, options);
    }

    MultiTaskModel model(long seed) {
      return MultiTaskModel.create(new ModelSpec(fit.preprocessing().width(), TASKS, new SharedBottom.Options(16),
          new Head.Options()), seed);
    }
  }

  private static TrainingConfig.Builder config() {
    return TrainingConfig.builder().epochs(3).batchSize(32).seed(5).learningRate(0.01).patience(0);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2})
  void streamedTrainingReachesWhatInMemoryTrainingReachesOnTheSameRows(long seed) throws IOException {
    Path file = write(2000, seed);
    Streamed s = Streamed.of(file, seed, new StreamingOptions(128, 2000, 1000));
    Table whole = ParquetSource.read(file);
    int[] train = IntStream.range(0, whole.rows()).filter(r -> !s.split().isValidation(r)).toArray();
    int[] valid = IntStream.range(0, whole.rows()).filter(r -> s.split().isValidation(r)).toArray();
    Dataset inMemory = s.fit().preprocessing().dataset(whole, train), held = s.fit().preprocessing().dataset(whole, valid);
    MultiTaskModel streamed = s.model(seed), memory = s.model(seed);
    new Trainer(config().build()).fit(streamed, s.side(false), null);
    new Trainer(config().build()).fit(memory, inMemory, null);
    Evaluation a = ModelEvaluator.evaluate(streamed, held), b = ModelEvaluator.evaluate(memory, held);
    assertThat(a.value("y", "auc")).isGreaterThan(0.9).isCloseTo(b.value("y", "auc"), within(0.02));
    assertThat(a.value("r", "rmse")).isLessThan(1.0).isCloseTo(b.value("r", "rmse"), within(0.15));
  }

  @ParameterizedTest(name = "{0} thread(s), chunks of {1} and {2}")
  @CsvSource({"1, 7, 500", "2, 64, 1000"})
  void sameSeedGivesBitIdenticalWeightsWhateverTheChunkSizeParseAheadOrCache(int threads, int small, int large)
      throws IOException {
    Path file = write(800, 3);
    Streamed a = Streamed.of(file, 3, new StreamingOptions(small, 100, 1000));
    Streamed b = Streamed.of(file, 3, new StreamingOptions(large, 100, 1000).withParseAhead(true)
        .withCache(dir.resolve("cache"), 1L << 30));
    MultiTaskModel ma = a.model(9), mb = b.model(9);
    new Trainer(config().threads(threads).build()).fit(ma, a.side(false), a.side(true));
    try (RowStream train = b.side(false); RowStream valid = b.side(true)) {
      new Trainer(config().threads(threads).build()).fit(mb, train, valid);
    }
    assertThat(mb.parameters().values()).containsExactly(ma.parameters().values());
    try (var left = Files.list(dir.resolve("cache"))) {
      assertThat(left).isEmpty();
    }
  }
}
