package io.mtl4j.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.HashSplit;
import io.mtl4j.data.RowStream;
import io.mtl4j.data.StreamingOptions;
import io.mtl4j.encode.SparseRows;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.metrics.Metrics;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.ModelEvaluator;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Out-of-core training on a LibSVM file: the same {@link RowStream} as CSV, fed by {@link LibSvmStream}. */
class LibSvmStreamTest {
  @TempDir Path dir;

  private static final List<Task> TASK = List.of(Task.of("y", TaskType.binary(), "auc"));

  /** {@code n} rows of 12 sparse features, label ±1 = sign(x1 + x2 − x3 + noise), with a comment and a blank line. */
  private Path write(int n, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("# seeded\n");
    for (int i = 0; i < n; i++) {
      double[] x = new double[12];
      StringBuilder entries = new StringBuilder();
      for (int j = 0; j < 12; j++) {
        if (j > 2 && random.nextInt(3) > 0) continue;
        x[j] = random.nextGaussian();
        entries.append(String.format(Locale.ROOT, " %d:%.4f", j + 1, x[j]));
      }
      sb.append(x[0] + x[1] - x[2] + 0.3 * random.nextGaussian() > 0 ? "+1" : "-1").append(entries).append('\n');
      if (i == n / 2) sb.append('\n');
    }
    return Files.writeString(dir.resolve("rows-" + seed + ".svm"), sb);
  }

  private static float[] flat(List<Dataset> chunks, boolean labels) {
    List<Float> out = new ArrayList<>();
    for (Dataset d : chunks) for (float v : (labels ? d.labels("y") : d.features()).toArray()) out.add(v);
    float[] a = new float[out.size()];
    for (int i = 0; i < a.length; i++) a[i] = out.get(i);
    return a;
  }

  private static List<Dataset> read(RowStream s) {
    List<Dataset> chunks = new ArrayList<>();
    s.forEach(chunks::add);
    return chunks;
  }

  @ParameterizedTest(name = "chunks of {0}, validation side {1}")
  @CsvSource({"7, false", "7, true", "1000, false"})
  void eachSideHoldsTheInMemoryReadsRowsDensifiedWithZeroOneLabels(int chunkRows, boolean validation)
      throws IOException {
    Path file = write(300, 1);
    HashSplit split = new HashSplit(0.3, 4);
    LibSvmStream.Fit fit = LibSvmStream.fit(file, "y", 0, 0);
    RowStream side = LibSvmStream.side(fit, split, validation, new StreamingOptions(chunkRows, 50, 1000));
    Dataset whole = LibSvmSource.read(file, "y", 0, 0);
    int[] rows = IntStream.range(0, whole.rows()).filter(r -> split.isValidation(r) == validation).toArray();
    Dataset expected = whole.select(rows);
    assertThat(fit.width()).isEqualTo(12);
    assertThat(side.rows()).isEqualTo(rows.length);
    List<Dataset> chunks = read(side);
    assertThat(chunks).allSatisfy(c -> assertThat(c.rows()).isLessThanOrEqualTo(chunkRows));
    SparseRows sparse = (SparseRows) expected.groups().group(LibSvmSource.GROUP);
    assertThat(flat(chunks, false)).containsExactly(sparse.toDense().toArray());
    assertThat(flat(chunks, true)).containsExactly(expected.labels("y").toArray()).containsOnly(0f, 1f);
  }

  private static TrainingConfig.Builder config() {
    return TrainingConfig.builder().epochs(3).batchSize(32).seed(5).learningRate(0.01).patience(0);
  }

  private static MultiTaskModel model(int width, long seed) {
    return MultiTaskModel.create(new ModelSpec(width, TASK, new SharedBottom.Options(16), new Head.Options()), seed);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2})
  void streamedTrainingReachesWhatInMemoryTrainingReachesOnTheSameRows(long seed) throws IOException {
    Path file = write(2000, seed);
    HashSplit split = new HashSplit(0.2, seed);
    LibSvmStream.Fit fit = LibSvmStream.fit(file, "y", 0, 0);
    StreamingOptions options = new StreamingOptions(128, 2000, 1000);
    List<Dataset> train = read(LibSvmStream.side(fit, split, false, options));
    Dataset inMemory = Dataset.builder(Tensor.of(flat(train, false), (int) fit.rows(split, false), fit.width()))
        .task("y", Tensor.of(flat(train, true), (int) fit.rows(split, false))).build();
    MultiTaskModel streamed = model(fit.width(), seed), memory = model(fit.width(), seed);
    new Trainer(config().build()).fit(streamed, LibSvmStream.side(fit, split, false, options), null);
    new Trainer(config().build()).fit(memory, inMemory, null);
    RowStream valid = LibSvmStream.side(fit, split, true, options);
    Evaluation a = ModelEvaluator.evaluate(streamed, valid, Metrics.defaults());
    Evaluation b = ModelEvaluator.evaluate(memory, valid, Metrics.defaults());
    assertThat(a.value("y", "auc")).isGreaterThan(0.9).isCloseTo(b.value("y", "auc"), within(0.02));
  }

  @ParameterizedTest(name = "{0} thread(s)")
  @ValueSource(ints = {1, 2})
  void sameSeedGivesBitIdenticalWeightsWhateverTheChunkSizeParseAheadOrCache(int threads) throws IOException {
    Path file = write(700, 3);
    HashSplit split = new HashSplit(0.2, 3);
    LibSvmStream.Fit fit = LibSvmStream.fit(file, "y", 0, 0);
    StreamingOptions small = new StreamingOptions(7, 100, 1000);
    StreamingOptions large = new StreamingOptions(500, 100, 1000).withParseAhead(true).withCache(dir.resolve("c"), 1L << 30);
    MultiTaskModel a = model(fit.width(), 9), b = model(fit.width(), 9);
    new Trainer(config().threads(threads).build()).fit(a, LibSvmStream.side(fit, split, false, small),
        LibSvmStream.side(fit, split, true, small));
    try (RowStream train = LibSvmStream.side(fit, split, false, large);
         RowStream valid = LibSvmStream.side(fit, split, true, large)) {
      assertThat(train.cached()).isTrue();
      new Trainer(config().threads(threads).build()).fit(b, train, valid);
    }
    assertThat(b.parameters().values()).containsExactly(a.parameters().values());
  }

  @ParameterizedTest(name = "parse-ahead {0}")
  @ValueSource(booleans = {false, true})
  void aBadEntryNamesTheFileAndLineOnTheTrainingThread(boolean parseAhead) throws IOException {
    Path file = write(50, 1);
    LibSvmStream.Fit fit = LibSvmStream.fit(file, "y", 0, 0);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(40, "+1 3:x");
    Files.write(file, lines);
    RowStream s = LibSvmStream.side(fit, new HashSplit(0, 1), false, new StreamingOptions(8, 10, 100)
        .withParseAhead(parseAhead));
    assertThatThrownBy(() -> read(s)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining(file + ":41:").hasMessageContaining("bad value 'x', expected a number");
  }
}
