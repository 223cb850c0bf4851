package io.mtl4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriteTest {
  @TempDir Path dir;

  @Test
  void replacesTheTargetWholeAndLeavesItReadableByOthers() throws Exception {
    Path target = dir.resolve("out.bin");
    Files.writeString(target, "old");
    AtomicWrite.write(target, new byte[] {1, 2, 3});
    assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
    assertThat(files()).containsExactly("out.bin");
  }

  @Test
  void aMissingDirectoryIsNamed() {
    Path target = dir.resolve("absent/out.bin");
    assertThatThrownBy(() -> AtomicWrite.write(target, new byte[1])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absent").hasMessageContaining("does not exist");
  }

  @Test
  void aFailedRenameLeavesNoTemporaryFile() throws Exception {
    Path target = dir.resolve("taken");
    Files.createDirectory(target);
    Files.writeString(target.resolve("inside"), "x");
    assertThatThrownBy(() -> AtomicWrite.write(target, new byte[1])).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("taken");
    assertThat(files()).containsExactly("taken");
  }

  private java.util.List<String> files() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }
}
