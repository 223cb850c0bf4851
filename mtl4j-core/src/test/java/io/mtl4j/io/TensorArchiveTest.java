package io.mtl4j.io;

import static io.mtl4j.io.Archives.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container read as untrusted input: sizes and counts are checked before anything is inflated. */
class TensorArchiveTest {
  @TempDir Path dir;

  static final String DOC = "{\"format\":\"mtl4j-model\",\"formatVersion\":1}";

  @Test
  void refusesADocumentThatDeclaresMoreBytesThanTheLimitWithoutInflatingIt() throws IOException {
    // 80 MiB of zeros deflate to ~80 KB: a zip bomb in small; the cap is 64 MiB (ArchiveLimits.DEFAULT).
    byte[] zeros = new byte[80 << 20];
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(ModelFile.DOCUMENT, zeros);
    Path file = Archives.write(dir.resolve("bomb.mtl4j"), entries);
    assertThat(java.nio.file.Files.size(file)).isLessThan(1 << 20);
    assertThatThrownBy(() -> TensorArchive.read(file, ModelFile.DOCUMENT)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("'model.json' declares 83886080 bytes, more than the limit of 67108864");
  }

  @Test
  void refusesAnEntryThatInflatesPastItsDeclaredSize() {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(ModelFile.DOCUMENT, utf8(DOC + " ".repeat(5000)));
    Path file = dir.resolve("liar.mtl4j");
    Archives.write(file, entries);
    // rewrite the central directory's uncompressed size of model.json (offset 24 in its header) to 10 bytes
    byte[] zip = unsealed(file);
    int cd = centralHeader(zip, ModelFile.DOCUMENT);
    ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).putInt(cd + 24, 10);
    Archives.sealed(file, zip);
    assertThatThrownBy(() -> TensorArchive.read(file, ModelFile.DOCUMENT)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("'model.json' inflates to more than the 10 bytes it declares");
  }

  @Test
  void refusesMoreEntriesThanTheLimit() {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(ModelFile.DOCUMENT, utf8(DOC));
    for (int i = 0; i <= ArchiveLimits.DEFAULT.maxEntries(); i++) entries.put("tensors/t" + i + ".f32", new byte[0]);
    Path file = Archives.write(dir.resolve("many.mtl4j"), entries);
    assertThatThrownBy(() -> TensorArchive.read(file, ModelFile.DOCUMENT)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("entries, more than the limit of " + ArchiveLimits.DEFAULT.maxEntries());
  }

  @Test
  void refusesACompressedTensorEntry() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    byte[] tensor = new byte[4096];
    try (ZipOutputStream zip = new ZipOutputStream(sink)) {
      put(zip, ModelFile.DOCUMENT, utf8(DOC));
      put(zip, "tensors/w.f32", tensor);
      put(zip, TensorArchive.MANIFEST, utf8(TensorArchive.sha256(utf8(DOC)) + "  model.json\n"
          + TensorArchive.sha256(tensor) + "  tensors/w.f32\n"));
    }
    Path file = Archives.sealed(dir.resolve("deflated.mtl4j"), sink.toByteArray());
    assertThatThrownBy(() -> TensorArchive.read(file, ModelFile.DOCUMENT)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("tensor entry 'tensors/w.f32' is compressed");
  }

  @Test
  void refusesAnEntryOfAnUnknownKindEvenWhenTheManifestListsIt() {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(ModelFile.DOCUMENT, utf8(DOC));
    entries.put("payload.class", new byte[] {(byte) 0xCA, (byte) 0xFE});
    Path file = Archives.write(dir.resolve("extra.mtl4j"), entries);
    assertThatThrownBy(() -> TensorArchive.read(file, ModelFile.DOCUMENT)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("unexpected entry 'payload.class'");
  }

  @Test
  void refusesAnEntryNamedTwice() {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(ModelFile.DOCUMENT, utf8(DOC));
    entries.put("tensors/a.f32", new byte[4]);
    entries.put("tensors/b.f32", new byte[4]);
    Path file = dir.resolve("twice.mtl4j");
    byte[] zip = unsealed(Archives.write(file, entries));
    // rename b to a in both the local and the central header: the directory now names 'tensors/a.f32' twice
    String text = new String(zip, java.nio.charset.StandardCharsets.ISO_8859_1).replace("tensors/b.f32", "tensors/a.f32");
    Archives.sealed(file, text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> TensorArchive.read(file, ModelFile.DOCUMENT)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("entry 'tensors/a.f32' appears twice");
  }

  private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
  }

  /** The zip without its seal (the seal is the comment; the comment length is zeroed again). */
  static byte[] unsealed(Path file) {
    try {
      byte[] bytes = java.nio.file.Files.readAllBytes(file);
      byte[] zip = java.util.Arrays.copyOf(bytes, bytes.length - Seal.LENGTH);
      zip[zip.length - 2] = 0;
      zip[zip.length - 1] = 0;
      return zip;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Offset of the central directory header of entry {@code name}. */
  static int centralHeader(byte[] zip, String name) {
    ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i + 46 < zip.length; i++) {
      if (b.getInt(i) != 0x02014b50) continue;
      int len = b.getShort(i + 28) & 0xffff;
      if (new String(zip, i + 46, len, java.nio.charset.StandardCharsets.UTF_8).equals(name)) return i;
    }
    throw new IllegalArgumentException("no central header for " + name);
  }
}
