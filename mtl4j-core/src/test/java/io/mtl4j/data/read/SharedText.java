package io.mtl4j.data.read;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the text data sets are: {@code ../shared/data} beside the worktree, or {@code -Dmtl4j.data.dir}. */
final class SharedText {
  private SharedText() {}

  /** The data set's folder; skips the calling test with a message when it is absent. */
  static Path require(String dataset, String someFile) {
    Path dir = Path.of(System.getProperty("mtl4j.data.dir", Path.of("..", "..", "shared", "data").toString())).resolve(dataset);
    assumeTrue(Files.isRegularFile(dir.resolve(someFile)),
        dir + " absent (see ../shared/data/" + dataset + "/PROVENANCE.md): skipped");
    return dir;
  }
}
