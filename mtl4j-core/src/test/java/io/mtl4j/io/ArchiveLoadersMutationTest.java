package io.mtl4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same hostile archives as {@link ArchiveLoadersFuzzTest}, from seeded random programs: deterministic, and run
 * under {@code -Xmx256m} in the {@code untrusted-input} execution (tag {@value #TAG}), so an allocation a hostile
 * file could force shows up as an {@code OutOfMemoryError}.
 */
@Tag(ArchiveLoadersMutationTest.TAG)
class ArchiveLoadersMutationTest {
  static final String TAG = "bounded-heap";
  @TempDir Path dir;

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  @ParameterizedTest
  @ValueSource(bytes = {0, 1, 2})
  void anEmptyProgramLoadsItsValidBaseFile(byte base) {
    // Guards the harness: were its base files invalid, every program above would pass by being refused.
    HostileArchive.load(new byte[] {base}, dir.resolve("input.mtl4j"));
  }

  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  @ParameterizedTest
  @MethodSource("seeds")
  void loadsOrRefusesWithAModelFileException(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] program = new byte[random.nextInt(1, 64)];
    random.nextBytes(program);
    Path file = dir.resolve("input.mtl4j");
    try {
      HostileArchive.load(program, file);
    } catch (ModelFileException expected) {
      assertThat(expected).hasMessageStartingWith(file.toString());
    }
  }
}
