package io.mtl4j.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded mutations of a valid Parquet file (bytes overwritten, the file cut short, or both): reading one either
 * succeeds or fails with a {@link DataFormatException} naming the file, never with parquet-floor's own exceptions or
 * internal object names. Jazzer fuzzes the text readers in core; Parquet's binary layout (footer, offsets, page
 * headers) is reached far better from a valid file than from coverage-guided bytes.
 */
class ParquetSourceMutationTest {
  @TempDir static Path dir;
  private static byte[] valid;

  @BeforeAll
  static void writeValidFile() throws IOException {
    valid = Files.readAllBytes(ParquetSourceTest.write(dir.resolve("valid.parquet"), 300));
  }

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void mutatedFileReadsOrIsADataFormatErrorNamingIt(long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] bytes = mutate(valid, random);
    Path p = dir.resolve("mutant-" + seed + ".parquet");
    Files.write(p, bytes);
    try {
      Table t = ParquetSource.read(p);
      assertThat(t.names()).isNotEmpty();
    } catch (DataFormatException e) {
      assertThat(e.getMessage()).startsWith(p + ": ").doesNotContainPattern("\\$\\d+@[0-9a-f]{4,}");
    } finally {
      Files.delete(p);
    }
  }

  /** Up to 8 bytes overwritten (anywhere: data pages, footer, lengths), the end cut off, or both. */
  private static byte[] mutate(byte[] original, SplittableRandom random) {
    int kind = random.nextInt(3);
    byte[] b = kind == 1 ? original.clone() : Arrays.copyOf(original, random.nextInt(original.length));
    if (kind != 0 && b.length > 0) {
      for (int k = 1 + random.nextInt(8); k > 0; k--) b[random.nextInt(b.length)] = (byte) random.nextInt(256);
    }
    return b;
  }
}
