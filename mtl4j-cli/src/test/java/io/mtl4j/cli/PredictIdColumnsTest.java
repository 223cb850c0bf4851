package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code predict --id-columns}: input columns carried through to the output, next to the row number. */
class PredictIdColumnsTest {
  @TempDir Path dir;
  private Path model;

  @BeforeEach
  void train() throws IOException {
    Path config = CliFixture.write(dir, CliFixture.csv(200, 3), CliFixture.CONFIG);
    CliFixture.Result train = CliFixture.run("train", "--config", config.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve("out").toString(), "--quiet");
    assertThat(train.code()).as(train.err()).isZero();
    model = dir.resolve("out/model.mtl4j");
    Files.writeString(dir.resolve("new.csv"), "id,x1,x2,colour,shop\nA7,1.0,1.0,red,\"Main St, 4\"\nB9,-2.0,-1.0,blue,\n");
  }

  @Test
  void idColumnsFollowTheRowNumberInTheGivenOrder() throws IOException {
    Path out = dir.resolve("pred.csv");
    CliFixture.Result r = CliFixture.run("predict", "--model", model.toString(), "--input", dir.resolve("new.csv").toString(),
        "--output", out.toString(), "--id-columns", "shop,id");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo("row,shop,id,first_prediction,first_probability,second_prediction,second_probability");
    assertThat(lines.get(1)).startsWith("1,\"Main St, 4\",A7,");
    assertThat(lines.get(2)).as("an empty cell stays empty").startsWith("2,,B9,");
    assertThat(lines).hasSize(3);
  }

  @Test
  void withoutTheFlagTheOutputIsUnchanged() throws IOException {
    Path out = dir.resolve("pred.csv");
    CliFixture.Result r = CliFixture.run("predict", "--model", model.toString(), "--input", dir.resolve("new.csv").toString(),
        "--output", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readAllLines(out).get(0)).isEqualTo("row,first_prediction,first_probability,second_prediction,second_probability");
  }

  @Test
  void unknownIdColumnIsBadInputNamingTheFlagAndTheColumns() {
    Path out = dir.resolve("pred.csv");
    CliFixture.Result r = CliFixture.run("predict", "--model", model.toString(), "--input", dir.resolve("new.csv").toString(),
        "--output", out.toString(), "--id-columns", "id,customer");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--id-columns").contains("'customer'").contains("[id, x1, x2, colour, shop]");
    assertThat(out).doesNotExist();
  }
}
