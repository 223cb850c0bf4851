package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.io.ModelFile;
import io.mtl4j.io.SavedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void aModelWhoseInputWidthDisagreesWithItsPreprocessingIsRefusedNamingTheFile() throws IOException {
    Path config = CliFixture.write(dir, CliFixture.csv(100, 1), CliFixture.CONFIG);
    assertThat(CliRunner.run("train", "--config", config.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve("out").toString()).exitCode()).isZero();
    // A consistent, sealed file whose preprocessing lost one numeric feature: 1 input fewer than the network takes.
    SavedModel saved = ModelFile.load(dir.resolve("out/model.mtl4j"));
    Map<String, Object> p = new LinkedHashMap<>(saved.metadata().preprocessing());
    List<Object> features = new ArrayList<>((List<Object>) p.get("features"));
    features.removeIf(f -> "x2".equals(((Map<String, Object>) f).get("column")));
    p.put("features", features);
    Path model = dir.resolve("narrow.mtl4j");
    ModelFile.save(model, saved.model(), saved.metadata().withPreprocessing(p));
    Files.writeString(dir.resolve("in.csv"), "x1,x2,colour\n1,2,red\n");

    CliRunner.Result r = CliRunner.run("predict", "--model", model.toString(), "--input", dir.resolve("in.csv").toString(),
        "--output", dir.resolve("pred.csv").toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(model.toString(), "network takes " + saved.model().spec().inputs() + " inputs",
        "preprocessing makes " + (saved.model().spec().inputs() - 1));
    assertThat(dir.resolve("pred.csv")).doesNotExist();
  }
}
