package io.mtl4j.weighting;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.testkit.GoldenCases;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * LibMTL parity that cannot be skipped: a few cases per method from the golden vectors, committed under
 * src/test/resources/golden/libmtl (see its README.md), replayed like the full set by {@link GoldenReplay}.
 */
class LibMtlGoldenSubsetTest {

  @TestFactory
  Stream<DynamicNode> matchesLibMtlOnTheCommittedSubset() throws IOException, URISyntaxException {
    Path dir = Path.of(Objects.requireNonNull(getClass().getClassLoader().getResource("golden/libmtl"),
        "test resource golden/libmtl is missing").toURI());
    List<Path> files = GoldenCases.files(dir);
    // One file per method LibMTL has; a new method gets its subset here too.
    assertThat(files).hasSizeGreaterThanOrEqualTo(23);
    return files.stream().map(new GoldenReplay()::forFile);
  }
}
