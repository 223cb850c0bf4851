package io.mtl4j.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.ImageSet;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxSourceTest {
  @TempDir Path dir;

  /** An IDX file: magic, dims, then the bytes given. */
  static byte[] idx(int magic, int[] dims, byte[] body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(magic);
      for (int d : dims) out.writeInt(d);
      out.write(body);
    }
    return bytes.toByteArray();
  }

  private Path write(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = name.endsWith(".gz") ? new GZIPOutputStream(Files.newOutputStream(file))
        : Files.newOutputStream(file)) {
      out.write(content);
    }
    return file;
  }

  @Test
  void readsGzippedImagesAndLabels() throws IOException {
    byte[] pixels = {0, (byte) 255, 10, 20, 30, 40, 50, (byte) 128, 1, 2, 3, 4};
    ImageSet images = IdxSource.images(write("x-images.gz", idx(0x803, new int[] {2, 2, 3}, pixels)));
    assertThat(images.count()).isEqualTo(2);
    assertThat(images.height()).isEqualTo(2);
    assertThat(images.width()).isEqualTo(3);
    assertThat(images.at(0, 0, 1)).isEqualTo(1f);
    assertThat(images.at(1, 0, 1)).isEqualTo(128 / 255f);
    assertThat(IdxSource.labels(write("y-labels", idx(0x801, new int[] {3}, new byte[] {7, 0, 9}))))
        .containsExactly(7, 0, 9);
  }

  @Test
  void rejectsLabelsWhereImagesAreExpectedNamingTheFileAndMagic() throws IOException {
    Path labels = write("y.gz", idx(0x801, new int[] {1}, new byte[] {3}));
    assertThatThrownBy(() -> IdxSource.images(labels)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("y.gz").hasMessageContaining("magic 0x00000801, expected 0x00000803 (IDX images)");
  }

  @Test
  void rejectsATruncatedBodyWithTheByteWhereItEnds() throws IOException {
    Path cut = write("cut", idx(0x803, new int[] {2, 2, 2}, new byte[5]));
    assertThatThrownBy(() -> IdxSource.images(cut)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("byte 21").hasMessageContaining("promises 8 bytes of data but the file ends after 5");
  }

  @Test
  void rejectsAForgedHeaderBeforeAllocating() throws IOException {
    Path forged = write("forged", idx(0x803, new int[] {1 << 20, 1 << 10, 1 << 10}, new byte[0]));
    assertThatThrownBy(() -> IdxSource.images(forged)).hasMessageContaining("pixels exceed " + IdxSource.MAX_PIXELS);
    Path negative = write("negative", idx(0x803, new int[] {-1, 28, 28}, new byte[0]));
    assertThatThrownBy(() -> IdxSource.images(negative)).hasMessageContaining("image count = -1, expected > 0");
    Path header = write("header", new byte[] {0, 0, 8});
    assertThatThrownBy(() -> IdxSource.labels(header)).hasMessageContaining("ends inside its IDX header");
  }
}
