package io.mtl4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
