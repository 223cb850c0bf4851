package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.cli.run.ModelStore;
import io.mtl4j.encode.CategoricalEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config's {@code inputs:} section: feature groups through train and predict, and its bad inputs (exit 2). */
class InputsSectionTest {
  private static final String GROUPS = """
      inputs:
        - {name: numbers, kind: dense, columns: [x1, x2]}
        - {name: categories, kind: categorical, columns: [colour], embeddingDim: 3, hashBuckets: BUCKETS}
      tasks:""";

  @TempDir Path dir;

  private static String config(String buckets) {
    return CliFixture.config("tasks:", GROUPS.replace("BUCKETS", buckets)).replace("epochs: 3", "epochs: 30");
  }

  private CliFixture.Result train(String config) throws IOException {
    Path c = CliFixture.write(dir, CliFixture.csv(300, 4), config);
    return CliFixture.run("train", "--config", c.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve("out").toString());
  }

  private CliFixture.Result predict(String rows) throws IOException {
    Files.writeString(dir.resolve("in.csv"), "x1,x2,colour\n" + rows);
    return CliFixture.run("predict", "--model", dir.resolve("out/model.mtl4j").toString(), "--input",
        dir.resolve("in.csv").toString(), "--output", dir.resolve("pred.csv").toString());
  }

  @Test
  void embeddedColourIsLearnedAndUnseenValuesGoToTheHashBucket() throws IOException {
    CliFixture.Result trained = train(config("1"));
    assertThat(trained.code()).as(trained.err()).isZero();
    ModelStore.Loaded saved = ModelStore.load(dir.resolve("out/model.mtl4j"), null);
    CategoricalEncoder.Spec categories = (CategoricalEncoder.Spec) saved.model().spec().groups().groups().get(1);
    assertThat(categories.fields()).containsExactly(new CategoricalEncoder.Field("colour", 3 + 1, 3));
    CliFixture.Result predicted = predict("0,0,red\n0,0,green\n0,0,purple\n");
    assertThat(predicted.code()).as(predicted.err()).isZero();
    List<String> lines = Files.readAllLines(dir.resolve("pred.csv"));
    assertThat(lines).hasSize(4);
    // y2 = [colour == red]: only the embedding can tell the rows apart, the dense inputs being equal.
    assertThat(probability(lines.get(1))).isGreaterThan(0.8);
    assertThat(probability(lines.get(1)) - probability(lines.get(2))).isGreaterThan(0.4);
  }

  @Test
  void sparseTablesAreSavedRowSparseAndPredictFromTheSameRawColumns() throws IOException {
    CliFixture.Result trained = train(config("1").replace("hashBuckets: 1", "hashBuckets: 1, sparse: true"));
    assertThat(trained.code()).as(trained.err()).isZero();
    ModelStore.Loaded saved = ModelStore.load(dir.resolve("out/model.mtl4j"), null);
    CategoricalEncoder.Spec categories = (CategoricalEncoder.Spec) saved.model().spec().groups().groups().get(1);
    assertThat(categories.sparse()).isTrue();
    assertThat(saved.model().parameters().rowSparse()).extracting(io.mtl4j.nn.Parameter::name)
        .containsExactly("encoder.categories.colour.table");
    CliFixture.Result predicted = predict("0,0,red\n0,0,green\n");
    assertThat(predicted.code()).as(predicted.err()).isZero();
    List<String> lines = Files.readAllLines(dir.resolve("pred.csv"));
    assertThat(probability(lines.get(1)) - probability(lines.get(2))).isGreaterThan(0.4); // the table trained
  }

  @Test
  void sparseIsRefusedOnADenseGroup() throws IOException {
    CliFixture.Result r = train(config("1").replace("columns: [x1, x2]}", "columns: [x1, x2], sparse: true}"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("inputs[0]: unknown option 'sparse'");
  }

  private static double probability(String line) {
    String[] cells = line.split(",");
    return Double.parseDouble(cells[cells.length - 1]);
  }

  @Test
  void unseenValueWithHashingOffNamesFileRowAndColumn() throws IOException {
    assertThat(train(config("0")).code()).isZero();
    CliFixture.Result r = predict("0,0,red\n0,0,purple\n");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("in.csv:3:3", "column 'colour' has the value 'purple'", "hashBuckets is 0");
    assertThat(dir.resolve("pred.csv")).doesNotExist();
  }

  @Test
  void unknownColumnNamesTheKeyAndTheColumnsThatExist() throws IOException {
    CliFixture.Result r = train(config("1").replace("columns: [colour]", "columns: [color]"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("inputs[1] (group 'categories') column 'color' is not in the file",
        "columns: [x1, x2, colour, y1, y2]");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void emptyGroupIsRefused() throws IOException {
    CliFixture.Result r = train(config("1").replace("columns: [x1, x2]", "columns: []"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("inputs[0]", "group 'numbers' has no columns");
  }

  @Test
  void misspeltOptionNamesItsKeyPath() throws IOException {
    CliFixture.Result r = train(config("1").replace("embeddingDim: 3", "embedingDim: 3"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("inputs[1]: unknown option 'embedingDim'");
  }
}
