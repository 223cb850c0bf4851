package io.mtl4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NoJavaSerializationTest {
  @Test
  void noSourceFileUsesJavaObjectStreams() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    String in = "ObjectInput" + "Stream", out = "ObjectOutput" + "Stream";
    List<Path> offenders;
    try (Stream<Path> files = Files.walk(root)) {
      offenders = files.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/target/"))
          .filter(p -> {
            try {
              String s = Files.readString(p);
              return s.contains(in) || s.contains(out);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }).toList();
    }
    assertThat(offenders).as("Java serialization is forbidden (model files are JSON + raw floats)").isEmpty();
    assertThat(root.resolve("mtl4j-core/src/main/java/io/mtl4j/io/ModelFile.java")).exists();
  }
}
