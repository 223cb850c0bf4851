package io.mtl4j.weighting;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mtl4j.testkit.GoldenCases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays LibMTL's full golden vectors ({@code *.json} in {@code -Dmtl4j.golden.dir}, default ../shared/golden of
 * the project root) through {@link GoldenReplay}; skips with a message saying what was not checked when the
 * directory is absent (the committed subset, {@link LibMtlGoldenSubsetTest}, always runs). Prints one summary line.
 */
class LibMtlGoldenTest {
  private static final GoldenReplay REPLAY = new GoldenReplay();

  @TestFactory
  Stream<DynamicNode> matchesLibMtl() throws IOException {
    Path dir = GoldenCases.directory();
    if (System.getProperty(GoldenCases.DIR_PROPERTY) == null) {
      assumeTrue(Files.isDirectory(dir), "LibMTL parity over the full golden set NOT checked: no directory "
          + dir.toAbsolutePath().normalize() + " (set -D" + GoldenCases.DIR_PROPERTY + "=<dir>); only the committed "
          + "subset (LibMtlGoldenSubsetTest) ran");
    }
    assertTrue(Files.isDirectory(dir), "golden directory " + dir.toAbsolutePath() + " does not exist");
    List<Path> files = GoldenCases.files(dir);
    assertFalse(files.isEmpty(), "no *.json golden files in " + dir.toAbsolutePath());
    return files.stream().map(REPLAY::forFile);
  }

  @AfterAll
  static void summary() {
    System.out.println("golden: " + REPLAY.summary());
  }
}
