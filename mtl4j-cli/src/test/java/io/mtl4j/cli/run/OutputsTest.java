package io.mtl4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The out-of-memory cleanup shared by train, compare, finetune and add-task. */
class OutputsTest {
  @Test
  void outOfMemoryRemovesTheDirectoryARunCreated(@TempDir Path dir) {
    Path out = dir.resolve("out");
    assertThatThrownBy(() -> Outputs.removedOnOutOfMemory(out, () -> writeThen(out, new OutOfMemoryError("heap"))))
        .isInstanceOf(OutOfMemoryError.class);
    assertThat(out).doesNotExist();
  }

  @Test
  void outOfMemoryWrappedByAWorkerEmptiesTheEmptyDirectoryItWasGiven(@TempDir Path dir) throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    RuntimeException wrapped = new RuntimeException("worker failed", new OutOfMemoryError("heap"));
    assertThatThrownBy(() -> Outputs.removedOnOutOfMemory(out, () -> writeThen(out, wrapped))).isSameAs(wrapped);
    assertThat(out).isEmptyDirectory();
  }

  @Test
  void otherFailuresKeepWhatTheRunWrote(@TempDir Path dir) {
    Path out = dir.resolve("out");
    IllegalStateException failure = new IllegalStateException("diverged");
    assertThatThrownBy(() -> Outputs.removedOnOutOfMemory(out, () -> writeThen(out, failure))).isSameAs(failure);
    assertThat(out.resolve("models/a.mtl4j")).isRegularFile();
  }

  @Test
  void outOfMemoryKeepsTheFilesOfADirectoryThatWasNotEmpty(@TempDir Path dir) throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("notes.txt"), "mine");
    assertThatThrownBy(() -> Outputs.removedOnOutOfMemory(out, () -> writeThen(out, new OutOfMemoryError("heap"))))
        .isInstanceOf(OutOfMemoryError.class);
    assertThat(out.resolve("notes.txt")).hasContent("mine");
  }

  /** Writes a model file under {@code out}, then fails with {@code failure}. */
  private static Integer writeThen(Path out, Throwable failure) {
    try {
      Files.createDirectories(out.resolve("models"));
      Files.writeString(out.resolve("models/a.mtl4j"), "model");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (failure instanceof Error e) throw e;
    throw (RuntimeException) failure;
  }
}
