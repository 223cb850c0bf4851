package io.mtl4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.MultiTaskModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelKeyTest {
  @TempDir Path dir;

  static final ModelKey KEY = ModelKey.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
  static final ModelKey OTHER = ModelKey.of("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));

  private Path keyed() {
    Path file = dir.resolve("keyed.mtl4j");
    ModelFile.save(file, ModelFileTest.model(3), ModelFileTest.metadata("t"), KEY);
    return file;
  }

  @Test
  void aModelSavedWithAKeyLoadsWithThatKey() {
    MultiTaskModel m = ModelFileTest.model(3);
    assertThat(ModelFile.load(keyed(), KEY).model().parameters().values()).containsExactly(m.parameters().values());
  }

  @Test
  void refusesAModelWithoutAnHmacWhenAKeyIsConfigured() {
    Path plain = dir.resolve("plain.mtl4j");
    ModelFile.save(plain, ModelFileTest.model(3), ModelFileTest.metadata("t"));
    assertThatThrownBy(() -> ModelFile.load(plain, KEY)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("carries no HMAC, but a model key is configured");
  }

  @Test
  void refusesAModelWrittenWithAnotherKey() {
    Path file = keyed();
    assertThatThrownBy(() -> ModelFile.load(file, OTHER)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("HMAC does not match the configured model key");
  }

  @Test
  void refusesATamperedModelWhoseChecksumsWereRecomputed() throws IOException {
    // What an attacker can do without the key: change model.json, recompute the manifest and the seal, keep the HMAC.
    Path file = keyed();
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (var it = zip.entries().asIterator(); it.hasNext(); ) {
        var e = it.next();
        if (!e.getName().equals(TensorArchive.MANIFEST)) entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
      }
    }
    String doc = new String(entries.get(ModelFile.DOCUMENT), StandardCharsets.UTF_8);
    entries.put(ModelFile.DOCUMENT, doc.replace("\"ew\"", "\"uw\"").getBytes(StandardCharsets.UTF_8));
    Archives.write(file, entries);
    assertThat(ModelFile.load(file).metadata().training()).containsEntry("weighting", "uw");
    assertThatThrownBy(() -> ModelFile.load(file, KEY)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("HMAC does not match");
  }

  @Test
  void classicalModelsCarryTheHmacToo() {
    Path file = dir.resolve("c.mtl4j");
    ClassicalModelFile.save(file, ClassicalModelFileTest.dirty(), Map.of(), KEY);
    assertThat(ClassicalModelFile.load(file, KEY).model().formulation()).isEqualTo("dirty");
    assertThatThrownBy(() -> ClassicalModelFile.load(file, OTHER)).hasMessageContaining("HMAC does not match");
  }

  @Test
  void withoutAKeyTheSameModelGivesTheSameBytesAsBefore() throws IOException {
    Path plain = dir.resolve("plain.mtl4j");
    ModelFile.save(plain, ModelFileTest.model(3), ModelFileTest.metadata("t"));
    assertThat(TensorArchive.sha256(Files.readAllBytes(plain))).isEqualTo(ModelFileTest.FIXED_SEED_SHA256);
    assertThat(Files.readAllBytes(keyed())).isNotEqualTo(Files.readAllBytes(plain));
  }

  @Test
  void readsTheKeyFileNamedByTheEnvironment() throws IOException {
    assertThat(ModelKey.fromEnvironment(Map.of())).isNull();
    Path keyFile = dir.resolve("model.key");
    Files.writeString(keyFile, "0123456789abcdef0123456789abcdef\n");
    ModelKey fromEnv = ModelKey.fromEnvironment(Map.of(ModelKey.ENV, keyFile.toString()));
    Path file = dir.resolve("env.mtl4j");
    ModelFile.save(file, ModelFileTest.model(3), ModelMetadata.empty(), fromEnv);
    assertThat(ModelFile.load(file, KEY).model().spec().inputs()).isEqualTo(5);
    assertThat(fromEnv.toString()).doesNotContain("0123");
  }

  @Test
  void refusesAShortOrMissingKeyFileNamingTheVariable() throws IOException {
    Path shortKey = dir.resolve("short.key");
    Files.writeString(shortKey, "secret\n");
    assertThatThrownBy(() -> ModelKey.fromEnvironment(Map.of(ModelKey.ENV, shortKey.toString())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ModelKey.ENV)
        .hasMessageContaining("6 bytes, expected at least 32");
    assertThatThrownBy(() -> ModelKey.fromEnvironment(Map.of(ModelKey.ENV, dir.resolve("absent").toString())))
        .hasMessageContaining(ModelKey.ENV).hasMessageContaining("cannot be read");
    assertThatThrownBy(() -> ModelKey.of(Arrays.copyOf(new byte[0], 31))).hasMessageContaining("at least 32");
  }
}
