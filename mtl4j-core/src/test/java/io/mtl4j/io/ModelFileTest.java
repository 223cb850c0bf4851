package io.mtl4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.Architectures;
import io.mtl4j.arch.Head;
import io.mtl4j.arch.MMoE;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelFileTest {
  @TempDir Path dir;

  static final List<Task> TASKS = List.of(Task.of("income", TaskType.binary(), "auc"),
      Task.of("kind", TaskType.multiclass(3), "accuracy"), Task.of("amount", TaskType.regression(), "rmse"));

  static MultiTaskModel model(long seed) {
    return MultiTaskModel.create(new ModelSpec(5, TASKS, new MMoE.Options(3, 8), new Head.Options(4)), seed);
  }

  static ModelMetadata metadata(String timestamp) {
    Map<String, Object> pre = Map.of("columns", List.of("a", "b", "c", "d", "e"), "scale", List.of(1.5, 2.0));
    return new ModelMetadata(pre, Map.of("epochs", 3, "weighting", "ew"),
        new Provenance("ab12", 7, 2, ModelFile.MTL4J_VERSION, timestamp));
  }

  @Test
  void roundTripRestoresSpecParametersPredictionsAndMetadata() {
    MultiTaskModel m = model(3);
    Path file = dir.resolve("m.mtl4j");
    ModelFile.save(file, m, metadata("2026-01-01T00:00:00Z"));
    SavedModel loaded = ModelFile.load(file);
    assertThat(loaded.model().parameters().values()).containsExactly(m.parameters().values());
    assertThat(loaded.model().spec().tasks()).isEqualTo(m.spec().tasks());
    assertThat(Architectures.toMap(loaded.model().spec().architecture())).isEqualTo(Architectures.toMap(m.spec().architecture()));
    assertThat(loaded.metadata().preprocessing()).isEqualTo(metadata(null).preprocessing());
    assertThat(loaded.metadata().training()).containsEntry("weighting", "ew");
    assertThat(loaded.metadata().provenance()).isEqualTo(metadata("2026-01-01T00:00:00Z").provenance());
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 0, 0, 1, 0, -1}, 2, 5);
    assertThat(loaded.model().predict(x, 8).get("kind").toArray()).containsExactly(m.predict(x, 8).get("kind").toArray());
  }

  @Test
  void savesWithoutMetadataAndLoadsTheSameParameters() {
    MultiTaskModel m = MultiTaskModel.create(new ModelSpec(5, TASKS, new SharedBottom.Options(6), null), 1);
    Path file = dir.resolve("sb.mtl4j");
    ModelFile.save(file, m);
    SavedModel loaded = ModelFile.load(file);
    assertThat(loaded.model().parameters().values()).containsExactly(m.parameters().values());
    assertThat(loaded.metadata().training()).isEmpty();
  }

  @Test
  void sameModelGivesIdenticalBytes() throws IOException {
    Path a = dir.resolve("a.mtl4j"), b = dir.resolve("b.mtl4j");
    ModelFile.save(a, model(3), metadata("same"));
    ModelFile.save(b, model(3), metadata("same"));
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
  }

  @Test
  void refusesATruncatedFile() throws IOException {
    Path file = saved();
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("truncated");
  }

  @Test
  void refusesAFileWithAFlippedByteAnywhere() throws IOException {
    Path file = saved();
    byte[] original = Files.readAllBytes(file);
    for (int at = 0; at < original.length; at += 7) {
      byte[] bytes = original.clone();
      bytes[at] ^= 0x10;
      Files.write(file, bytes);
      assertThatThrownBy(() -> ModelFile.load(file)).as("byte %d", at).isInstanceOf(ModelFileException.class)
          .hasMessageStartingWith(file.toString());
    }
  }

  @Test
  void entryChecksumsCatchAnEntryThatDisagreesWithTheManifest() throws IOException {
    // A correctly sealed file whose manifest lists another tensor content: only the per-entry check can tell.
    byte[] doc = "{\"format\":\"mtl4j-model\",\"formatVersion\":1}".getBytes(StandardCharsets.UTF_8);
    byte[] tensor = TensorArchive.toBytes(new float[] {1f, 2f});
    String manifest = TensorArchive.sha256(doc) + "  " + ModelFile.DOCUMENT + "\n"
        + TensorArchive.sha256(TensorArchive.toBytes(new float[] {1f, 3f})) + "  tensors/w.f32\n";
    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    entries.put(ModelFile.DOCUMENT, doc);
    entries.put("tensors/w.f32", tensor);
    entries.put(TensorArchive.MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
    Path file = Archives.sealed(dir.resolve("liar.mtl4j"), Archives.zip(entries));
    assertThatThrownBy(() -> TensorArchive.read(file, ModelFile.DOCUMENT)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("SHA-256 of 'tensors/w.f32' does not match the manifest");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.05, 0.3, 0.5, 0.7, 0.9})
  void refusesAFileWithOneFlippedByte(double where) throws IOException {
    Path file = saved();
    byte[] bytes = Files.readAllBytes(file);
    int at = (int) (bytes.length * where);
    bytes[at] ^= 0x10;
    Files.write(file, bytes);
    assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageStartingWith(file.toString());
  }

  @Test
  void refusesAFileFromANewerVersion() throws IOException {
    Path file = archive("{\"format\":\"mtl4j-model\",\"formatVersion\":99}");
    assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("format version 99").hasMessageContaining("newer mtl4j");
  }

  @Test
  void refusesAnotherKindOfFile() throws IOException {
    Path file = archive("{\"format\":\"something-else\",\"formatVersion\":1}");
    assertThatThrownBy(() -> ModelFile.load(file)).hasMessageContaining("format is 'something-else'");
    Path text = dir.resolve("notes.mtl4j");
    Files.writeString(text, "not a zip");
    assertThatThrownBy(() -> ModelFile.load(text)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("not an mtl4j file");
  }

  @Test
  void refusesAMissingFileAndADirectory() {
    assertThatThrownBy(() -> ModelFile.load(dir.resolve("absent.mtl4j"))).hasMessageContaining("does not exist");
    assertThatThrownBy(() -> ModelFile.load(dir)).hasMessageContaining("is a directory");
    assertThatThrownBy(() -> ModelFile.save(dir, model(1), ModelMetadata.empty())).hasMessageContaining("is a directory");
    assertThatThrownBy(() -> ModelFile.save(dir.resolve("no/such/dir/m.mtl4j"), model(1), ModelMetadata.empty()))
        .isInstanceOf(ModelFileException.class).hasMessageContaining("does not exist");
  }

  @Test
  void fullDiskLeavesThePreviousModelIntactAndNoTemporaryFile() throws IOException {
    Path file = saved();
    byte[] before = Files.readAllBytes(file);
    TensorArchive.Opener fullDisk = temp -> new FilterOutputStream(Files.newOutputStream(temp)) {
      long written;

      @Override
      public void write(int b) throws IOException {
        if (++written > 1000) throw new IOException("No space left on device");
        super.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        for (int i = 0; i < len; i++) write(b[off + i]);
      }
    };
    assertThatThrownBy(() -> ModelFile.save(file, model(9), ModelMetadata.empty(), fullDisk))
        .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining(file.toString())
        .hasMessageContaining("No space left")
        .hasMessageContaining("previous file is left unchanged");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("m.mtl4j");
    }
  }

  @Test
  void refusesToSaveANanModel() {
    MultiTaskModel m = model(1);
    m.parameters().values()[3] = Float.NaN;
    Path file = dir.resolve("nan.mtl4j");
    assertThatThrownBy(() -> ModelFile.save(file, m, ModelMetadata.empty())).hasMessageContaining("NaN");
    assertThat(file).doesNotExist();
  }

  @Test
  void refusesATensorOfTheWrongSize() throws IOException {
    Path file = dir.resolve("bad.mtl4j");
    MultiTaskModel small = MultiTaskModel.create(new ModelSpec(5, TASKS, new MMoE.Options(3, 8), new Head.Options(4)), 1);
    MultiTaskModel big = MultiTaskModel.create(new ModelSpec(5, TASKS, new MMoE.Options(3, 9), new Head.Options(4)), 1);
    ModelFile.save(file, big, ModelMetadata.empty());
    // a spec that disagrees with its tensors: rewrite model.json with the small spec, keep the tensors
    TensorArchive.Contents c = TensorArchive.read(file, ModelFile.DOCUMENT);
    Map<String, Object> doc = new java.util.LinkedHashMap<>(c.document());
    doc.put("spec", io.mtl4j.arch.ModelSpecMaps.toMap(small.spec()));
    TensorArchive.write(file, ModelFile.DOCUMENT, doc, c.tensors());
    assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("the model spec declares " + small.parameters().size() + " parameters, its tensors hold "
            + big.parameters().size() + " values");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.9", "4294967297", "1.0", "\"1\"", "0", "-1"})
  void refusesAFormatVersionThatIsNotAnExactSupportedInteger(String version) {
    Path file = Archives.edit(saved(), ModelFile.DOCUMENT,
        c -> c.document().put("formatVersion", TensorArchive.JSON.readValue(version, Object.class)));
    assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageStartingWith(file.toString()).hasMessageMatching(".*(formatVersion|format version).*");
  }

  @ParameterizedTest
  @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
  void refusesToLoadNonFiniteWeightsAsItRefusesToSaveThem(float bad) {
    String name = model(3).parameters().parameters().get(2).name();
    Path file = Archives.edit(saved(), ModelFile.DOCUMENT, c -> c.tensors().get(name)[1] = bad);
    assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("parameter '" + name + "' holds " + bad + " at index 1");
  }

  @Test
  void refusesASpecThatDeclaresMoreParametersThanItsTensorsHoldBeforeBuildingTheModel() {
    MultiTaskModel m = MultiTaskModel.create(new ModelSpec(5, TASKS, new SharedBottom.Options(6), null), 1);
    Path file = dir.resolve("sb.mtl4j");
    ModelFile.save(file, m, ModelMetadata.empty());
    Archives.edit(file, ModelFile.DOCUMENT, c -> hidden(c.document(), List.of(300, 300)));
    assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageMatching(".*the model spec declares \\d+ parameters, its tensors hold " + m.parameters().size()
            + " values.*");
  }

  @SuppressWarnings("unchecked")
  static void hidden(Map<String, Object> doc, List<Integer> hidden) {
    Map<String, Object> spec = new java.util.LinkedHashMap<>((Map<String, Object>) doc.get("spec"));
    Map<String, Object> arch = new java.util.LinkedHashMap<>((Map<String, Object>) spec.get("architecture"));
    Map<String, Object> options = new java.util.LinkedHashMap<>((Map<String, Object>) arch.get("options"));
    options.put("hidden", hidden);
    arch.put("options", options);
    spec.put("architecture", arch);
    doc.put("spec", spec);
  }

  @Test
  void aFixedSeedModelKeepsItsBytes() throws IOException {
    // Bit-identity across releases: the SHA-256 of this file was taken before the loader was hardened.
    Path file = saved();
    assertThat(TensorArchive.sha256(Files.readAllBytes(file))).isEqualTo(FIXED_SEED_SHA256);
  }

  static final String FIXED_SEED_SHA256 = "5439aa7662302379db69ce2d6ff4afaa872ce17d456d203234ffbd256db34017";

  private Path saved() {
    Path file = dir.resolve("m.mtl4j");
    ModelFile.save(file, model(3), metadata("t"));
    return file;
  }

  /** A well-formed, sealed archive with the given model.json. */
  private Path archive(String json) {
    Path file = dir.resolve("x.mtl4j");
    Map<String, Object> doc = TensorArchive.JSON.readValue(json, java.util.LinkedHashMap.class);
    TensorArchive.write(file, ModelFile.DOCUMENT, doc, Map.of());
    return file;
  }
}
