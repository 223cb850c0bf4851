package io.mtl4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.mtl4j.arch.Head;
import io.mtl4j.encode.GroupFixtures;
import io.mtl4j.encode.ImageFixtures;
import io.mtl4j.encode.InputSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile files that once exhausted memory, run under {@code -Xmx256m} (tag {@value ArchiveLoadersMutationTest#TAG},
 * the {@code untrusted-input} execution): before the loader checked sizes, each ended in an {@code OutOfMemoryError}.
 */
@Tag(ArchiveLoadersMutationTest.TAG)
class ModelFileBoundedHeapTest {
  @TempDir Path dir;

  @Test
  void refusesAZipBombBeforeInflatingIt() throws IOException {
    // 2 MiB on disk, 2 GiB inflated: the file the trial used took 24 s and 2.5 GB of memory, then died.
    Path file = Archives.sealed(dir.resolve("bomb.mtl4j"), Archives.bomb(ModelFile.DOCUMENT, 2048));
    assertThat(Files.size(file)).isLessThan(3L << 20);
    assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("'model.json' declares 2147483648 bytes, more than the limit of 67108864");
  }

  @Test
  void refusesASpecOf900MillionParametersBeforeAllocatingThem() {
    MultiTaskModel m = MultiTaskModel.create(new ModelSpec(5, ModelFileTest.TASKS, new SharedBottom.Options(6), null), 1);
    Path file = dir.resolve("huge-spec.mtl4j");
    ModelFile.save(file, m, ModelMetadata.empty());
    Archives.edit(file, ModelFile.DOCUMENT, c -> ModelFileTest.hidden(c.document(), List.of(30000, 30000)));
    assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("the model spec declares 900").hasMessageContaining("its tensors hold " + m.parameters().size());
  }

  @Test
  @SuppressWarnings("unchecked")
  void refusesAnEmbeddingTableOf900MillionRowsBeforeAllocatingIt() {
    MultiTaskModel m = MultiTaskModel.create(ModelSpec.of(GroupFixtures.spec(false), GroupFixtures.TASKS,
        new SharedBottom.Options(6), new Head.Options()), 1);
    Path file = dir.resolve("huge-table.mtl4j");
    ModelFile.save(file, m, ModelMetadata.empty());
    Archives.edit(file, ModelFile.DOCUMENT, c -> {
      Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) c.document().get("spec"));
      List<Object> groups = (List<Object>) spec.get("groups");
      Map<String, Object> categories = new LinkedHashMap<>((Map<String, Object>) groups.get(1));
      Map<String, Object> field = new LinkedHashMap<>((Map<String, Object>) ((List<Object>) categories.get("fields")).get(0));
      field.put("rows", 900_000_000);
      categories.put("fields", List.of(field, ((List<Object>) categories.get("fields")).get(1)));
      spec.put("groups", List.of(groups.get(0), categories));
      c.document().put("spec", spec);
    });
    assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("the model spec declares 2700").hasMessageContaining("its tensors hold " + m.parameters().size());
  }
  @Test
  @SuppressWarnings("unchecked")
  void refusesAConvTrunkOf144MillionWeightsBeforeAllocatingIt() {
    MultiTaskModel m = MultiTaskModel.create(ModelSpec.of(new InputSpec(List.of(ImageFixtures.spec(true, false))),
        ImageFixtures.TASKS, new SharedBottom.Options(6), new Head.Options()), 1);
    Path file = dir.resolve("huge-trunk.mtl4j");
    ModelFile.save(file, m, ModelMetadata.empty());
    Archives.edit(file, ModelFile.DOCUMENT, c -> {
      Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) c.document().get("spec"));
      Map<String, Object> image = new LinkedHashMap<>((Map<String, Object>) ((List<Object>) spec.get("groups")).get(0));
      List<Object> layers = (List<Object>) image.get("layers");
      Map<String, Object> first = new LinkedHashMap<>((Map<String, Object>) layers.get(0));
      Map<String, Object> second = new LinkedHashMap<>((Map<String, Object>) layers.get(1));
      first.put("channels", 40_000);  // small maps (1.44 M values), but 400·40000·3·3 weights in the second layer
      second.put("channels", 400);
      image.put("layers", List.of(first, second));
      spec.put("groups", List.of(image));
      spec.put("inputs", 400 * 3 * 3);
      c.document().put("spec", spec);
    });
    assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("the model spec declares 14").hasMessageContaining("its tensors hold " + m.parameters().size());
  }
}
