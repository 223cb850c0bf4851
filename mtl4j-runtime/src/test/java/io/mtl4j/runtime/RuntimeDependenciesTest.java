package io.mtl4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The runtime stays lean: its test class path (what Maven resolved for the module, transitive dependencies included)
 * holds the runtime's own classes, the JSON library that reads {@code model.json} (Jackson 3 with its core and
 * annotations) and the test tools; nothing else. A dependency on mtl4j-core, a BLAS, a CSV reader or anything else
 * fails here, naming the jar.
 */
class RuntimeDependenciesTest {
  /** Runtime dependencies the module may have: the JSON library, as groupId path prefixes in the local repository. */
  private static final Set<String> ALLOWED = Set.of("tools/jackson/core/jackson-databind/",
      "tools/jackson/core/jackson-core/", "com/fasterxml/jackson/core/jackson-annotations/");
  /** Test scope only: JUnit, AssertJ and what they bring; Surefire adds its own launcher. */
  private static final Set<String> TEST_TOOLS = Set.of("org/junit/", "org/opentest4j/", "org/apiguardian/",
      "org/assertj/", "net/bytebuddy/", "org/apache/maven/surefire/");

  @Test
  void classPathHoldsOnlyTheJsonLibraryAndTestTools() {
    List<String> jars = classPath();
    assertThat(jars).as("class path jars").isNotEmpty();
    assertThat(jars).as("the JSON library is there").anyMatch(j -> j.contains("tools/jackson/core/jackson-databind/"));
    List<String> unexpected = new ArrayList<>();
    for (String jar : jars) {
      if (ALLOWED.stream().noneMatch(jar::contains) && TEST_TOOLS.stream().noneMatch(jar::contains)) unexpected.add(jar);
    }
    assertThat(unexpected).as("jars mtl4j-runtime must not depend on").isEmpty();
  }

  /**
   * Entries of the class path (jars, and class directories of other reactor modules), with forward slashes; the
   * module's own class directories are left out.
   */
  private static List<String> classPath() {
    String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Set<Path> own = Set.of(location(RuntimeModel.class), location(RuntimeDependenciesTest.class));
    List<String> out = new ArrayList<>();
    for (String entry : path.split(File.pathSeparator)) {
      if (entry.isBlank()) continue;
      Path p = Path.of(entry).toAbsolutePath().normalize();
      if (!own.contains(p)) out.add(p.toString().replace(File.separatorChar, '/'));
    }
    return out;
  }

  private static Path location(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().normalize();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
