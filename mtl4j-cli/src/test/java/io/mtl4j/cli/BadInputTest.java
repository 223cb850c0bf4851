package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: a clear message, exit code 2, and nothing (partial or not) written. */
class BadInputTest {
  @TempDir Path dir;

  private Path out() {
    return dir.resolve("out");
  }

  private CliFixture.Result train(String data, String config) throws IOException {
    Path c = CliFixture.write(dir, data, config);
    return CliFixture.run("train", "--config", c.toString(), "--data-dir", dir.toString(), "--out", out().toString());
  }

  private void assertRejected(CliFixture.Result r, String... fragments) {
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(fragments);
    assertThat(out()).doesNotExist();
  }

  private static String config(String from, String to) {
    return CliFixture.config(from, to);
  }

  @Test
  void raggedRow() throws IOException {
    assertRejected(train(CliFixture.csv(50, 1) + "1.0,2.0,red\n", CliFixture.CONFIG), "data.csv:52:4", "3 fields, expected 5");
  }

  @Test
  void nonNumericValueInANumericColumn() throws IOException {
    String data = CliFixture.csv(50, 1) + "1.0,2.0,red,yes,1\n";
    assertRejected(train(data, config("tasks:", "features: {numeric: [colour]}\ntasks:")), "data.csv:2:3", "is numeric but has the value");
  }

  @Test
  void emptyFile() throws IOException {
    assertRejected(train("", CliFixture.CONFIG), "data.csv", "empty");
  }

  @Test
  void headerOnlyFile() throws IOException {
    assertRejected(train("x1,x2,colour,y1,y2\n", CliFixture.CONFIG), "no data rows");
  }

  @Test
  void unknownConfigKeyGetsASuggestion() throws IOException {
    assertRejected(train(CliFixture.csv(50, 1), config("epochs: 3", "epocs: 3")),
        "config.yaml:12:", "unknown key 'epocs' under 'training'", "did you mean 'epochs'?");
  }

  @Test
  void unknownTopLevelKeyGetsASuggestion() throws IOException {
    assertRejected(train(CliFixture.csv(50, 1), config("training:", "trainig:")), "unknown key 'trainig'", "did you mean 'training'?");
  }

  @Test
  void wrongTypeNamesKeyPathAndLine() throws IOException {
    assertRejected(train(CliFixture.csv(50, 1), config("epochs: 3", "epochs: three")), "config.yaml:12:", "key 'training.epochs'", "three");
  }

  @Test
  void yamlSyntaxErrorNamesLine() throws IOException {
    assertRejected(train(CliFixture.csv(50, 1), CliFixture.CONFIG + "  bad: [unclosed\n"), "config.yaml:");
  }

  @Test
  void labelColumnMissing() throws IOException {
    assertRejected(train(CliFixture.csv(50, 1), config("column: y2", "column: y3")), "label column 'y3' is not in the file", "columns: [x1, x2, colour, y1, y2]");
  }

  @Test
  void binaryLabelThatIsNotZeroOrOne() throws IOException {
    assertRejected(train(CliFixture.csv(50, 1), config("column: y2, metrics", "column: colour, metrics")), "label column 'colour' has the value", "positive");
  }

  @Test
  void unknownTaskType() throws IOException {
    assertRejected(train(CliFixture.csv(50, 1), config("type: binary, column: y2", "type: binray, column: y2")), "tasks.second.type", "binray", "expected one of");
  }

  @Test
  void unknownArchitecture() throws IOException {
    assertRejected(train(CliFixture.csv(50, 1), config("name: mmoe", "name: mmoee")), "unknown architecture 'mmoee'", "known:");
  }

  @Test
  void unknownArchitectureOption() throws IOException {
    assertRejected(train(CliFixture.csv(50, 1), config("{experts: 2, expertHidden: [8]}", "{experts: 2, hidden: [8]}")), "unknown option 'hidden'");
  }

  @Test
  void negativeEpochs() throws IOException {
    assertRejected(train(CliFixture.csv(50, 1), config("epochs: 3", "epochs: -1")), "training.epochs = -1");
  }

  @Test
  void splitFractionsAboveOne() throws IOException {
    assertRejected(train(CliFixture.csv(50, 1), config("valid: 0.2, test: 0.2", "valid: 0.7, test: 0.5")), "sum < 1");
  }

  @Test
  void missingConfigFile() {
    CliFixture.Result r = CliFixture.run("train", "--config", dir.resolve("none.yaml").toString(), "--out", out().toString());
    assertRejected(r, "none.yaml does not exist");
  }

  @Test
  void nonEmptyOutputWithoutForce() throws IOException {
    Files.createDirectories(out());
    Files.writeString(out().resolve("keep.txt"), "x");
    Path c = CliFixture.write(dir, CliFixture.csv(50, 1), CliFixture.CONFIG);
    CliFixture.Result r = CliFixture.run("train", "--config", c.toString(), "--data-dir", dir.toString(), "--out", out().toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("not empty", "--force");
    try (Stream<Path> s = Files.list(out())) {
      assertThat(s).containsExactly(out().resolve("keep.txt"));
    }
  }

  @Test
  void missingRequiredOptionIsAUsageError() {
    CliFixture.Result r = CliFixture.run("train", "--out", out().toString());
    assertRejected(r, "--config");
  }

  @Test
  void predictRefusesUnknownCategoryAndMissingColumnsAndWritesNothing() throws IOException {
    Path c = CliFixture.write(dir, CliFixture.csv(200, 2), CliFixture.CONFIG);
    Path model = dir.resolve("m");
    assertThat(CliFixture.run("train", "--config", c.toString(), "--data-dir", dir.toString(), "--out", model.toString()).code()).isZero();
    Path pred = dir.resolve("pred.csv");
    Files.writeString(dir.resolve("in.csv"), "x1,x2,colour\n1,2,red\n1,2,purple\n");
    CliFixture.Result r = CliFixture.run("predict", "--model", model.resolve("model.mtl4j").toString(), "--input",
        dir.resolve("in.csv").toString(), "--output", pred.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("in.csv:3:3", "'purple'", "unseen in training");
    Files.writeString(dir.resolve("in2.csv"), "x1,colour\n1,red\n");
    CliFixture.Result r2 = CliFixture.run("predict", "--model", model.resolve("model.mtl4j").toString(), "--input",
        dir.resolve("in2.csv").toString(), "--output", pred.toString());
    assertThat(r2.code()).isEqualTo(2);
    assertThat(r2.err()).contains("input column 'x2' is not in the file");
    CliFixture.Result r3 = CliFixture.run("predict", "--model", dir.resolve("nope.mtl4j").toString(), "--input",
        dir.resolve("in.csv").toString(), "--output", pred.toString());
    assertThat(r3.code()).isEqualTo(2);
    assertThat(r3.err()).contains("does not exist");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("pred"));
    }
  }

  @Test
  void unknownDatasetName() {
    CliFixture.Result r = CliFixture.run("datasets", "verify", "censsu");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown dataset 'censsu'", "census-income-kdd");
  }
}
