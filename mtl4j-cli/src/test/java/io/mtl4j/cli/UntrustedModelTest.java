package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.io.ModelFile;
import io.mtl4j.io.TensorArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** predict on a model file someone altered (checksums recomputed): exit 2, the file named, no predictions written. */
class UntrustedModelTest {
  @TempDir Path dir;
  Path model;

  @BeforeEach
  void train() throws IOException {
    Path config = CliFixture.write(dir, CliFixture.csv(300, 3), CliFixture.CONFIG.replace("epochs: 3", "epochs: 1"));
    Path out = dir.resolve("out");
    CliFixture.Result train = CliFixture.run("train", "--config", config.toString(), "--data-dir", dir.toString(),
        "--out", out.toString());
    assertThat(train.code()).as(train.err()).isZero();
    model = out.resolve("model.mtl4j");
    Files.writeString(dir.resolve("new.csv"), "x1,x2,colour\n1.0,1.0,red\n-2.0,-1.0,blue\n");
  }

  @Test
  void predictRefusesAModelWithANanWeight() {
    // Before: the model loaded, predict wrote NaN probabilities with class 0 and exited 0.
    rewrite(c -> c.tensors().values().iterator().next()[0] = Float.NaN);
    CliFixture.Result r = predict();
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(model.toString()).contains("holds NaN at index 0");
    assertThat(dir.resolve("pred.csv")).doesNotExist();
  }

  @Test
  void predictRefusesAFractionalFormatVersion() {
    // Before: formatVersion 1.9 was read as 1 and the model loaded.
    rewrite(c -> c.document().put("formatVersion", 1.9));
    CliFixture.Result r = predict();
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(model.toString()).contains("formatVersion 1.9");
    assertThat(dir.resolve("pred.csv")).doesNotExist();
  }

  private CliFixture.Result predict() {
    return CliFixture.run("predict", "--model", model.toString(), "--input", dir.resolve("new.csv").toString(),
        "--output", dir.resolve("pred.csv").toString());
  }

  /** What anyone can do to a model file: change it and recompute its checksums (TensorArchive.write does both). */
  private void rewrite(Consumer<TensorArchive.Contents> edit) {
    TensorArchive.Contents c = TensorArchive.read(model, ModelFile.DOCUMENT);
    TensorArchive.Contents copy = new TensorArchive.Contents(new LinkedHashMap<>(c.document()),
        new LinkedHashMap<>(c.tensors()), Map.of());
    edit.accept(copy);
    TensorArchive.write(model, ModelFile.DOCUMENT, copy.document(), copy.tensors());
  }
}
