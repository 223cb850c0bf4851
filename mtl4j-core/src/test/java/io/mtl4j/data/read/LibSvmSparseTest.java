package io.mtl4j.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.MMoE;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Dataset;
import io.mtl4j.encode.SparseRows;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.train.ModelEvaluator;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** LibSVM rows stay sparse from reader to batch, and train and evaluate exactly as their dense matrix does. */
class LibSvmSparseTest {
  private static final List<Task> TASKS = List.of(Task.of("t", TaskType.binary(), "auc"));
  @TempDir Path dir;

  /** {@code rows} seeded rows over 12 features, each with 0–4 entries, label = [first value > 0]. */
  private Path file(int rows, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      StringBuilder entries = new StringBuilder();
      int n = r.nextInt(5), index = 0;
      float first = 0;
      for (int k = 0; k < n && index < 12; k++) {
        index += 1 + r.nextInt(3);
        if (index > 12) break;
        float v = (float) r.nextGaussian();
        if (k == 0) first = v;
        entries.append(String.format(Locale.ROOT, " %d:%.5f", index, v));
      }
      sb.append(first > 0 ? "+1" : "-1").append(entries).append('\n');
    }
    return Files.writeString(dir.resolve("small.svm"), sb.append("1 12:0.5\n").toString());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void sparseRowsTrainAndEvaluateBitIdenticallyToTheirDenseMatrix(int threads) throws IOException {
    Dataset sparse = LibSvmSource.read(file(120, threads), "t", 0, 0);
    SparseRows rows = (SparseRows) sparse.groups().group(LibSvmSource.GROUP);
    Dataset dense = Dataset.builder(rows.toDense()).task("t", sparse.labels("t")).build();
    MMoE.Options mmoe = new MMoE.Options(2, 8);
    Head.Options head = new Head.Options(4);
    MultiTaskModel fromSparse = MultiTaskModel.create(ModelSpec.of(LibSvmSource.inputs(rows.width()), TASKS, mmoe, head), 7);
    MultiTaskModel fromDense = MultiTaskModel.create(new ModelSpec(rows.width(), TASKS, mmoe, head), 7);
    TrainingConfig config = TrainingConfig.builder().epochs(3).batchSize(16).threads(threads).seed(5)
        .learningRate(0.01).patience(0).build();
    new Trainer(config).fit(fromSparse, sparse, null);
    new Trainer(config).fit(fromDense, dense, null);
    assertThat(fromSparse.parameters().values()).containsExactly(fromDense.parameters().values());
    assertThat(rows.width()).isEqualTo(12);
    assertThat(ModelEvaluator.evaluate(fromSparse, sparse).value("t", "auc"))
        .isEqualTo(ModelEvaluator.evaluate(fromDense, dense).value("t", "auc"));
  }

  @Test
  void aWidthWhoseFirstLayerCannotBeHeldIsRefusedBeforeAllocatingIt() throws IOException {
    Path p = Files.writeString(dir.resolve("wide.svm"), "1 1:0.5\n0 2000000000:1\n");
    Dataset wide = LibSvmSource.read(p, "t", 2_000_000_000, 0);
    ModelSpec spec = ModelSpec.of(LibSvmSource.inputs(2_000_000_000), TASKS, new MMoE.Options(2, 8), new Head.Options(4));
    assertThat(wide.rows()).isEqualTo(2);
    // 2·10⁹ inputs × 8 hidden units × 2 experts: 3.2·10¹⁰ weights, refused by count before the buffer is allocated.
    assertThatThrownBy(() -> MultiTaskModel.create(spec, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parameters").hasMessageContaining("2^31");
  }

  /** Runs under -Xmx256m in the untrusted-input execution: 2·10⁹ columns dense would be 8 GB per row. */
  @Tag("bounded-heap")
  @ParameterizedTest
  @ValueSource(ints = {2_000_000_000, Integer.MAX_VALUE - 8})
  void aHugeDeclaredWidthWithFewEntriesLoadsInASmallHeap(int width) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 1000; i++) sb.append(i % 2).append(" 1:0.5 ").append(width - i).append(":1\n");
    Path p = Files.writeString(dir.resolve("huge.svm"), sb.toString());
    SparseRows rows = (SparseRows) LibSvmSource.read(p, "t", width, 0).groups().group(LibSvmSource.GROUP);
    assertThat(rows.width()).isEqualTo(width);
    assertThat(rows.nonZeros()).isEqualTo(2000);
    assertThat(rows.columns()[1]).isEqualTo(width - 1);
  }
}
