package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.cli.run.ModelStore;
import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.data.TokenGroup;
import io.mtl4j.encode.TokenEncoder;
import io.mtl4j.encode.text.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inputs:} kind {@code tokens}: a text column trained from YAML, tokenised alike by predict, and its bad inputs. */
class TokenInputsTest {
  private static final String CONFIG = """
      data:
        train: data.csv
        split: {method: random, valid: 0.2, test: 0.2}
      inputs:
        - {name: text, kind: tokens, column: review, embeddingDim: 8, minCount: 2, pooling: POOLING EXTRA}
      tasks:
        - {name: great, type: binary, column: y1, positive: ["yes"], metrics: [auc]}
        - {name: cheap, type: binary, column: y2, metrics: [auc]}
      architecture: {name: shared-bottom, options: {hidden: [8]}, head: {hidden: [4]}}
      optimizer: {name: adam, options: {learningRate: 0.02}}
      training: {epochs: 40, batchSize: 32, threads: 1, seed: 1, patience: 0}
      """;
  private static final String[] FILLER = {"the", "phone", "was", "a", "battery", "screen", "and", "it", "really", "ok"};

  @TempDir Path dir;

  /** y1 = the review says "great", y2 = it says "cheap"; the other words are noise. */
  private static String reviews(int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("review,y1,y2\n");
    for (int i = 0; i < rows; i++) {
      boolean great = r.nextBoolean(), cheap = r.nextBoolean();
      StringBuilder text = new StringBuilder();
      for (int k = 0; k < 4 + r.nextInt(4); k++) text.append(FILLER[r.nextInt(FILLER.length)]).append(' ');
      if (great) text.append("GREAT! ");
      if (cheap) text.append("cheap ");
      sb.append(String.format(Locale.ROOT, "\"%s\",%s,%d%n", text.toString().strip(), great ? "yes" : "no", cheap ? 1 : 0));
    }
    return sb.toString();
  }

  private static String config(String pooling, String extra) {
    return CONFIG.replace("POOLING", pooling).replace(" EXTRA", extra);
  }

  private CliFixture.Result train(String data, String config) throws IOException {
    Path c = CliFixture.write(dir, data, config);
    return CliFixture.run("train", "--config", c.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve("out").toString());
  }

  private List<String> predict(String rows) throws IOException {
    Files.writeString(dir.resolve("in.csv"), "review\n" + rows);
    CliFixture.Result r = CliFixture.run("predict", "--model", dir.resolve("out/model.mtl4j").toString(), "--input",
        dir.resolve("in.csv").toString(), "--output", dir.resolve("pred.csv").toString());
    assertThat(r.code()).as(r.err()).isZero();
    return Files.readAllLines(dir.resolve("pred.csv"));
  }

  @Test
  void textColumnTrainsFromYamlAndPredictTokenisesAsTraining() throws IOException {
    CliFixture.Result trained = train(reviews(400, 3), config("mean", ""));
    assertThat(trained.code()).as(trained.err()).isZero();
    ModelStore.Loaded saved = ModelStore.load(dir.resolve("out/model.mtl4j"), null);
    TokenGroup group = (TokenGroup) saved.preprocessing().groups().groups().get(0);
    assertThat(group.vocabulary().id("great")).isGreaterThan(1); // kept, not the OOV row
    assertThat(((TokenEncoder.Spec) saved.model().spec().groups().groups().get(0)).vocabulary())
        .isEqualTo(group.vocabulary().size());
    // Upper case and punctuation are tokenised away as in training; the empty review is a zero vector, not an error.
    List<String> lines = predict("\"Great, great phone\"\nthe phone\n\"\"\nCHEAP phone\n");
    assertThat(lines).hasSize(5);
    assertThat(probability(lines.get(1), 0)).isGreaterThan(probability(lines.get(2), 0) + 0.4);
    assertThat(probability(lines.get(4), 1)).isGreaterThan(probability(lines.get(2), 1) + 0.4);
  }

  /** Columns: row, then each task's prediction and probability. */
  private static double probability(String line, int task) {
    return Double.parseDouble(line.split(",")[2 + 2 * task]);
  }

  @Test
  void hashedConvGroupTrainsToo() throws IOException {
    CliFixture.Result trained = train(reviews(200, 4), config("conv", ", convWidth: 2, convChannels: 4, hashBuckets: 64")
        .replace("minCount: 2, ", ""));
    assertThat(trained.code()).as(trained.err()).isZero();
    TokenGroup group = (TokenGroup) ModelStore.load(dir.resolve("out/model.mtl4j"), null).preprocessing().groups()
        .groups().get(0);
    assertThat(group.vocabulary().isHashed()).isTrue();
    assertThat(group.spec().outputSize()).isEqualTo(4);
  }

  @Test
  void unknownTokenColumnNamesTheGroupAndTheColumnsThatExist() throws IOException {
    CliFixture.Result r = train(reviews(50, 5), config("mean", "").replace("column: review", "column: text"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("inputs[0] (group 'text') column 'text' is not in the file", "[review, y1, y2]");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void columnWithoutAnyTokenIsRefusedNamingFileAndColumn() throws IOException {
    String data = reviews(50, 6).replaceAll("(?m)^\"[^\"]*\"", "\"?!\"");
    CliFixture.Result r = train(data, config("mean", ""));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("data.csv", "text column 'review' has no token");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void convOptionsWithoutConvPoolingAndColumnsListAreRefusedNamingTheKey() throws IOException {
    CliFixture.Result conv = train(reviews(50, 7), config("mean", ", convWidth: 3"));
    assertThat(conv.code()).isEqualTo(2);
    assertThat(conv.err()).contains("inputs[0].convWidth", "only with pooling: conv");
    CliFixture.Result columns = train(reviews(50, 7), config("mean", "").replace("column: review", "columns: [review]"));
    assertThat(columns.code()).isEqualTo(2);
    assertThat(columns.err()).contains("inputs[0].columns", "give it as 'column'");
  }

  @Test
  void relativePretrainedFileIsReadFromTheDataDirectoryLikeTheDataFiles() throws IOException {
    String pretrained = ", pretrained: {file: vectors.txt, format: glove}";
    CliFixture.Result missing = train(reviews(100, 9), config("mean", pretrained));
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains(dir.resolve("vectors.txt").toString()); // looked for beside data.csv
    Files.writeString(dir.resolve("vectors.txt"), "great 2 2 2 2 2 2 2 2\n"); // not in the working directory
    CliFixture.Result r = train(reviews(100, 9), config("mean", pretrained)
        .replace("patience: 0}", "patience: 0, frozen: [encoder.text.table]}"));
    assertThat(r.code()).as(r.err()).isZero();
    ModelStore.Loaded saved = ModelStore.load(dir.resolve("out/model.mtl4j"), null);
    int great = ((TokenGroup) saved.preprocessing().groups().groups().get(0)).vocabulary().id("great");
    ParameterBuffer buffer = saved.model().parameters();
    assertThat(buffer.value(buffer.get("encoder.text.table")).get(great * 8)).isEqualTo(2f);
  }

  @Test
  void pretrainedVectorsStartTheTableWhichStaysFrozenAndAWrongDimensionIsRefused() throws IOException {
    Path vectors = dir.resolve("vectors.txt");
    String pretrained = ", pretrained: {file: '" + vectors + "', format: glove}";
    Files.writeString(vectors, "great 1 1 1\n");
    CliFixture.Result bad = train(reviews(200, 8), config("max", pretrained));
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("inputs[0].pretrained.file", "vectors.txt", "dimension 3", "embeddingDim is 8");
    assertThat(dir.resolve("out")).doesNotExist();
    Files.writeString(vectors, "great 1 1 1 1 1 1 1 1\ncheap -1 -1 -1 -1 -1 -1 -1 -1\n");
    // Frozen, the loaded table is what the model file holds after training.
    CliFixture.Result ok = train(reviews(200, 8), config("max", pretrained)
        .replace("patience: 0}", "patience: 0, frozen: [encoder.text.table]}"));
    assertThat(ok.code()).as(ok.err()).isZero();
    ModelStore.Loaded saved = ModelStore.load(dir.resolve("out/model.mtl4j"), null);
    Vocabulary vocabulary = ((TokenGroup) saved.preprocessing().groups().groups().get(0)).vocabulary();
    ParameterBuffer buffer = saved.model().parameters();
    Tensor table = buffer.value(buffer.get("encoder.text.table"));
    for (int c = 0; c < 8; c++) {
      assertThat(table.get(vocabulary.id("great") * 8 + c)).isEqualTo(1f);
      assertThat(table.get(vocabulary.id("cheap") * 8 + c)).isEqualTo(-1f);
      assertThat(table.get(Vocabulary.PADDING * 8 + c)).isZero();
    }
  }
}
