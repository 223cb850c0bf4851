package io.mtl4j.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing (Jazzer) of the model, classical-model and checkpoint loaders through
 * {@link HostileArchive}. Runs in the {@code untrusted-input} Surefire execution of this module: JAZZER_FUZZ=1,
 * {@code -Xmx256m}, its own JVM, {@code maxDuration} below. Any exception but {@link ModelFileException}, any
 * {@code OutOfMemoryError}, or one input running past the timeout is a finding and fails the build. Elsewhere
 * (no JAZZER_FUZZ) it replays only its seeds.
 */
class ArchiveLoadersFuzzTest {
  private static Path dir;

  @BeforeAll
  static void createDirectory() throws IOException {
    dir = Files.createTempDirectory("mtl4j-fuzz");
  }

  @AfterAll
  static void deleteDirectory() throws IOException {
    Files.deleteIfExists(dir.resolve("input.mtl4j"));
    Files.deleteIfExists(dir);
  }

  // Jazzer reads @Timeout as the per-input limit too; the whole run stays under it as maxDuration is smaller.
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  @FuzzTest(maxDuration = "15s")
  void loadsOrRefusesWithAModelFileException(byte[] data) {
    try {
      HostileArchive.load(data, dir.resolve("input.mtl4j"));
    } catch (ModelFileException expected) {
      // the documented outcome for a bad file: a message naming the file
      if (!expected.getMessage().startsWith(dir.resolve("input.mtl4j").toString())) throw expected;
    }
  }
}
