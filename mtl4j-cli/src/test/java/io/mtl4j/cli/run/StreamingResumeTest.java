package io.mtl4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.cli.CliRunner;
import io.mtl4j.cli.LifecycleCommandsTest;
import io.mtl4j.cli.config.ConfigLoader;
import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.io.TensorArchive;
import io.mtl4j.train.NonFinitePolicy;
import io.mtl4j.train.StepRecord;
import io.mtl4j.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code mtl4j train --stream} stopped after its first epoch and continued with {@code --resume} ends with the model
 * file of the run that was never stopped, byte for byte but for its timestamp: the checkpoint after each epoch holds
 * the run's state, and the shuffle of epoch e is drawn again from (seed, e).
 */
class StreamingResumeTest {
  @TempDir Path dir;

  /** Thrown by the listener that stops a run: the stand-in for a kill. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super("stopped at the first step of the second epoch");
    }
  }

  /** {@code format}'s file with the rows of {@link StreamingFormatsTest#rows} and its config; returns the config. */
  private Path prepare(String format) throws IOException {
    List<double[]> rows = StreamingFormatsTest.rows(300, 7);
    if (format.equals("csv")) StreamingFormatsTest.csv(dir, rows);
    else StreamingFormatsTest.libsvm(dir, rows);
    return StreamingFormatsTest.config(dir, "rows." + format, format + ".yaml");
  }

  /**
   * What {@code train --config C --out OUT --data-dir DIR --checkpoint-every K} starts, stopped at step
   * {@code stepOfEpoch2} (0-based) of epoch 2, after that step but before any checkpoint it would write.
   */
  private void trainOneEpoch(Path config, Path out, int checkpointEvery, int stepOfEpoch2) {
    RunConfig cfg = ConfigLoader.load(config);
    TrainingListener stop = new TrainingListener() {
      private int steps;

      @Override
      public void onStep(StepRecord record) {
        if (record.epoch() == 1 && steps++ == stepOfEpoch2) throw new Stopped();
      }
    };
    RunState.Lifecycle fresh = new RunState.Lifecycle(null, config, dir, checkpointEvery, NonFinitePolicy.FAIL, true);
    StreamingTrain.Hooks hooks = new StreamingTrain.Hooks((spec, t) -> Map.of(), tasks -> stop, fresh);
    Path file = dir.resolve(cfg.data().train());
    assertThatThrownBy(() -> StreamingTrain.run(cfg, dir, out, 1, null, TensorArchive.sha256(file), hooks))
        .isInstanceOf(Stopped.class);
    assertThat(out.resolve("model.mtl4j")).doesNotExist();
    assertThat(RunState.checkpoints(out).resolve(io.mtl4j.train.CheckpointFile.NAME)).isRegularFile();
  }

  /**
   * From the checkpoint after epoch 1 (checkpoints each epoch only, stopped at the first step of epoch 2), and from
   * one inside epoch 2 (a checkpoint every step, stopped at its third step).
   */
  @ParameterizedTest
  @CsvSource({"csv, 0, 0", "libsvm, 0, 0", "csv, 1, 2"})
  void oneEpochThenResumeToThreeWritesTheModelFileOfThreeStraightEpochs(String format, int checkpointEvery,
                                                                        int stepOfEpoch2) throws IOException {
    Path config = prepare(format);
    Path straight = dir.resolve("straight"), resumed = dir.resolve("resumed");
    CliRunner.Result r = CliRunner.run("train", "--stream", "--config", config.toString(), "--data-dir", dir.toString(),
        "--out", straight.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    trainOneEpoch(config, resumed, checkpointEvery, stepOfEpoch2);
    r = CliRunner.run("train", "--resume", resumed.toString(), "--verbose");
    assertThat(r.exitCode()).as(r.err()).isZero();
    // It continued from the checkpoint after epoch 1 rather than starting over.
    assertThat(r.out()).contains("mtl4j train (streaming)").contains("epoch 2/3").doesNotContain("epoch 1/3");
    // Byte for byte but for the timestamp of writing, the one field that differs between reruns (Provenance).
    Path a = resumed.resolve("model.mtl4j"), b = straight.resolve("model.mtl4j");
    assertThat(LifecycleCommandsTest.tensorChecksums(a)).isNotEmpty().isEqualTo(LifecycleCommandsTest.tensorChecksums(b));
    assertThat(LifecycleCommandsTest.documentWithoutTimestamp(a)).isEqualTo(LifecycleCommandsTest.documentWithoutTimestamp(b));
  }

  @ParameterizedTest
  @ValueSource(strings = {"csv", "libsvm"})
  void aResumeOnAChangedFileIsRefusedAndWritesNoModel(String format) throws IOException {
    Path config = prepare(format);
    Path out = dir.resolve("out");
    trainOneEpoch(config, out, 0, 0);
    Path file = dir.resolve("rows." + format);
    Files.writeString(file, Files.readString(file).replaceFirst("\n1", "\n0"));
    CliRunner.Result r = CliRunner.run("train", "--resume", out.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--resume " + out).contains("the run started on training file SHA-256");
    assertThat(out.resolve("model.mtl4j")).doesNotExist();
  }
}
