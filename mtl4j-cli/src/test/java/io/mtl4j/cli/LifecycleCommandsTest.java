package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.io.ModelFile;
import io.mtl4j.io.SavedModel;
import io.mtl4j.task.Task;
import io.mtl4j.tensor.Tensor;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train --resume/--force, finetune, add-task and remove-task through {@link Main#run}. */
public class LifecycleCommandsTest {
  @TempDir Path dir;
  Path csv;

  @BeforeEach
  void writeData() throws IOException {
    csv = dir.resolve("rows.csv");
    SplittableRandom r = new SplittableRandom(5);
    StringBuilder sb = new StringBuilder("x0,x1,x2,x3,color,sum,sign,third\n");
    for (int i = 0; i < 600; i++) {
      double[] x = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
      String color = r.nextBoolean() ? "red" : "blue";
      sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f,%s,%.4f,%d,%d%n", x[0], x[1], x[2], x[3], color,
          x[0] + x[1] + x[2] + x[3], x[0] - x[1] > 0 ? 1 : 0, x[2] + x[3] > 0 ? 1 : 0));
    }
    Files.writeString(csv, sb.toString());
  }

  Path config(String name, boolean third, int epochs) throws IOException {
    String tasks = """
        tasks:
          - {name: sum, type: regression, column: sum, metrics: [rmse]}
          - {name: sign, type: binary, column: sign, metrics: [auc]}
        """ + (third ? "  - {name: third, type: binary, column: third, metrics: [auc]}\n" : "");
    Path file = dir.resolve(name);
    Files.writeString(file, """
        data:
          train: rows.csv
          split: {method: random, valid: 0.2, test: 0.2}
        features:
          drop: [sum, sign, third]
        """ + tasks + """
        architecture: {name: mmoe, options: {experts: 3, expertHidden: [8]}, head: {hidden: [4]}}
        optimizer: {name: adam, options: {learningRate: 0.01}}
        training: {epochs: %d, batchSize: 32, patience: 0, threads: 2, seed: 3}
        """.formatted(epochs));
    return file;
  }

  int run(String... args) {
    PrintStream out = System.out;
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      return Main.run(args);
    } finally {
      System.setOut(out);
    }
  }

  int train(Path config, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--config", config.toString(), "--data-dir", dir.toString(),
        "--out", out.toString()));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  public static List<String> tensorChecksums(Path model) throws IOException {
    try (var zip = new java.util.zip.ZipInputStream(Files.newInputStream(model))) {
      for (java.util.zip.ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        if (e.getName().equals("SHA256SUMS")) {
          return new String(zip.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> l.contains(" tensors/")).toList();
        }
      }
    }
    throw new AssertionError("no manifest in " + model);
  }

  @Test
  void sameSeedAndThreadsGiveTheSameModelFileExceptItsTimestamp() throws IOException {
    Path cfg = config("c.yaml", false, 3);
    assertThat(train(cfg, dir.resolve("a"))).isZero();
    assertThat(train(cfg, dir.resolve("b"))).isZero();
    assertThat(tensorChecksums(dir.resolve("b/model.mtl4j"))).isNotEmpty()
        .isEqualTo(tensorChecksums(dir.resolve("a/model.mtl4j")));
    assertThat(documentWithoutTimestamp(dir.resolve("b/model.mtl4j")))
        .isEqualTo(documentWithoutTimestamp(dir.resolve("a/model.mtl4j"))).contains("\"seed\" : 3");
  }

  public static String documentWithoutTimestamp(Path model) throws IOException {
    try (var zip = new java.util.zip.ZipInputStream(Files.newInputStream(model))) {
      for (java.util.zip.ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        if (e.getName().equals("model.json")) {
          return new String(zip.readAllBytes(), StandardCharsets.UTF_8).lines()
              .filter(l -> !l.contains("\"timestamp\"")).collect(java.util.stream.Collectors.joining("\n"));
        }
      }
    }
    throw new AssertionError("no model.json in " + model);
  }

  @Test
  void anExistingOutputIsNotOverwrittenWithoutForce() throws IOException {
    Path cfg = config("c.yaml", false, 1);
    Path out = dir.resolve("out");
    assertThat(train(cfg, out)).isZero();
    byte[] model = Files.readAllBytes(out.resolve("model.mtl4j"));
    assertThat(train(cfg, out)).isEqualTo(2);
    assertThat(Files.readAllBytes(out.resolve("model.mtl4j"))).isEqualTo(model);
    assertThat(train(cfg, out, "--force")).isZero();
  }

  @Test
  void resumeOfADirectoryWithoutARunIsBadInput() throws IOException {
    config("c.yaml", false, 1);
    assertThat(run("train", "--resume", dir.toString())).isEqualTo(2);
    assertThat(run("train", "--resume", dir.resolve("missing").toString())).isEqualTo(2);
    assertThat(run("train", "--out", dir.resolve("x").toString())).isEqualTo(2);
    assertThat(train(dir.resolve("c.yaml"), dir.resolve("y"), "--non-finite", "ignore")).isEqualTo(2);
    assertThat(dir.resolve("y")).doesNotExist();
  }

  @Test
  void resumingAFinishedRunRewritesTheSameModel() throws IOException {
    Path out = dir.resolve("out");
    assertThat(train(config("c.yaml", false, 2), out, "--checkpoint-every", "5")).isZero();
    List<String> first = tensorChecksums(out.resolve("model.mtl4j"));
    Files.delete(out.resolve("model.mtl4j"));
    assertThat(run("train", "--resume", out.toString())).isZero();
    assertThat(tensorChecksums(out.resolve("model.mtl4j"))).isEqualTo(first);
  }

  @Test
  void resumingOnAChangedTrainingFileIsRefusedNamingTheRunState() throws IOException {
    Path out = dir.resolve("out");
    assertThat(train(config("c.yaml", false, 1), out)).isZero();
    Files.delete(out.resolve("model.mtl4j"));
    Files.writeString(csv, Files.readString(csv).replace(",red,", ",blue,"));
    CliFixture.Result r = CliFixture.run("train", "--resume", out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("the run started on training file SHA-256").contains(out.resolve("run.json").toString());
    assertThat(out.resolve("model.mtl4j")).doesNotExist();
  }

  @Test
  void addTaskKeepsTheOldTasksAndRemoveTaskDropsOne() throws IOException {
    Path out = dir.resolve("base");
    assertThat(train(config("two.yaml", false, 4), out)).isZero();
    Path added = dir.resolve("added");
    assertThat(run("add-task", "--model", out.resolve("model.mtl4j").toString(), "--config",
        config("three.yaml", true, 6).toString(), "--task", "third", "--data-dir", dir.toString(), "--out", added.toString()))
        .isZero();
    SavedModel before = ModelFile.load(out.resolve("model.mtl4j")), after = ModelFile.load(added.resolve("model.mtl4j"));
    assertThat(after.model().tasks()).extracting(t -> t.name()).containsExactly("sum", "sign", "third");
    Tensor x = Tensor.zeros(3, before.model().spec().inputs());
    x.data()[1] = 1f;
    for (String t : new String[] {"sum", "sign"}) {
      assertThat(after.model().predict(x, 8).get(t).toArray()).containsExactly(before.model().predict(x, 8).get(t).toArray());
    }
    assertThat(Files.readString(added.resolve("metrics.json"))).contains("third");

    // New data labelled for the new task only (no sum/sign columns): the old tasks are frozen, so that is enough.
    List<String> rows = Files.readAllLines(csv);
    StringBuilder onlyThird = new StringBuilder();
    for (String line : rows) {
      String[] c = line.split(",");
      onlyThird.append(String.join(",", c[0], c[1], c[2], c[3], c[4], c[7])).append('\n');
    }
    Files.writeString(csv, onlyThird.toString());
    Path only = dir.resolve("only-third.yaml");
    Files.writeString(only, Files.readString(dir.resolve("three.yaml")).replace("drop: [sum, sign, third]", "drop: [third]")
        .replace("  - {name: sum, type: regression, column: sum, metrics: [rmse]}\n", "")
        .replace("  - {name: sign, type: binary, column: sign, metrics: [auc]}\n", ""));
    Path added2 = dir.resolve("added2");
    assertThat(run("add-task", "--model", out.resolve("model.mtl4j").toString(), "--config", only.toString(),
        "--task", "third", "--data-dir", dir.toString(), "--out", added2.toString())).isZero();
    MultiTaskModel fromNewData = ModelFile.load(added2.resolve("model.mtl4j")).model();
    assertThat(fromNewData.predict(x, 8).get("sign").toArray()).containsExactly(before.model().predict(x, 8).get("sign").toArray());

    Path removed = dir.resolve("removed.mtl4j");
    assertThat(run("remove-task", "--model", added.resolve("model.mtl4j").toString(), "--task", "sum", "--out",
        removed.toString())).isZero();
    MultiTaskModel two = ModelFile.load(removed).model();
    assertThat(two.tasks()).extracting(t -> t.name()).containsExactly("sign", "third");
    assertThat(two.predict(x, 8).get("third").toArray()).containsExactly(after.model().predict(x, 8).get("third").toArray());
    assertThat(run("remove-task", "--model", removed.toString(), "--task", "sum", "--out", removed.toString())).isEqualTo(2);
    assertThat(run("add-task", "--model", out.resolve("model.mtl4j").toString(), "--config",
        dir.resolve("three.yaml").toString(), "--task", "sign", "--data-dir", dir.toString(), "--out",
        dir.resolve("again").toString())).isEqualTo(2);
  }

  @Test
  void addTaskHonoursTheNewTasksAuxiliaryMarkAndProductOf() throws IOException {
    Path base = dir.resolve("base");
    assertThat(train(config("two.yaml", false, 2), base)).isZero();
    Path cfg = config("three.yaml", true, 2);
    Files.writeString(cfg, Files.readString(cfg).replace("{name: third, type: binary, column: third, metrics: [auc]}",
        "{name: third, type: binary, column: third, metrics: [auc], auxiliary: true, weight: 0.5}\n"
            + "  - {name: both, type: binary, column: third, productOf: [sign, third]}"));
    Path withThird = dir.resolve("third");
    assertThat(run("add-task", "--model", base.resolve("model.mtl4j").toString(), "--config", cfg.toString(),
        "--task", "third", "--data-dir", dir.toString(), "--out", withThird.toString())).isZero();
    Task third = ModelFile.load(withThird.resolve("model.mtl4j")).model().tasks().get(2);
    assertThat(third.isAuxiliary()).isTrue();
    assertThat(third.weight()).isEqualTo(0.5);

    String[] product = {"add-task", "--model", withThird.resolve("model.mtl4j").toString(), "--config", cfg.toString(),
        "--task", "both", "--data-dir", dir.toString(), "--out", dir.resolve("both").toString()};
    CliFixture.Result frozen = CliFixture.run(product);
    assertThat(frozen.code()).isEqualTo(2);
    assertThat(frozen.err()).contains("--task both is the product of [sign, third]").contains("add --train-all");
    List<String> all = new ArrayList<>(List.of(product));
    all.add("--train-all");
    assertThat(run(all.toArray(String[]::new))).isZero();
    Task both = ModelFile.load(dir.resolve("both/model.mtl4j")).model().tasks().get(3);
    assertThat(both.productOf()).containsExactly("sign", "third");
  }

  @Test
  void finetuneWithTheSharedPartFrozenKeepsIt() throws IOException {
    Path out = dir.resolve("base");
    Path cfg = config("two.yaml", false, 2);
    assertThat(train(cfg, out)).isZero();
    Path tuned = dir.resolve("tuned");
    assertThat(run("finetune", "--model", out.resolve("model.mtl4j").toString(), "--config", cfg.toString(),
        "--data-dir", dir.toString(), "--out", tuned.toString(), "--freeze-shared")).isZero();
    MultiTaskModel a = ModelFile.load(out.resolve("model.mtl4j")).model(), b = ModelFile.load(tuned.resolve("model.mtl4j")).model();
    int shared = a.parameters().sharedSize();
    assertThat(java.util.Arrays.copyOf(b.parameters().values(), shared))
        .containsExactly(java.util.Arrays.copyOf(a.parameters().values(), shared));
    assertThat(b.parameters().values()).isNotEqualTo(a.parameters().values());
  }

  @Test
  void corruptedModelFileGivesExitCodeTwoNamingTheFile() throws IOException {
    Path out = dir.resolve("base");
    assertThat(train(config("two.yaml", false, 1), out)).isZero();
    Path model = out.resolve("model.mtl4j");
    byte[] bytes = Files.readAllBytes(model);
    Files.write(model, java.util.Arrays.copyOf(bytes, bytes.length - 10));
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertThat(run("remove-task", "--model", model.toString(), "--task", "sum", "--out", dir.resolve("r.mtl4j").toString()))
          .isEqualTo(2);
    } finally {
      System.setErr(err);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains(model.toString()).contains("truncated");
    assertThat(dir.resolve("r.mtl4j")).doesNotExist();
  }

  @Test
  void trainingKilledWithSigkillAndResumedGivesTheUninterruptedModel() throws Exception {
    Path cfg = config("c.yaml", false, 12);
    Path reference = dir.resolve("reference");
    assertThat(train(cfg, reference)).isZero();
    Path out = dir.resolve("killed");
    Process p = cli("train", "--config", cfg.toString(), "--data-dir", dir.toString(), "--out", out.toString(),
        "--checkpoint-every", "3", "--verbose");
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      // Kill once training is under way (the third epoch line); the child keeps stepping until the signal lands.
      int epochs = 0;
      for (String l; epochs < 3 && (l = lines.readLine()) != null; ) if (l.contains("epoch")) epochs++;
      p.destroyForcibly();
    }
    p.waitFor();
    assertThat(out.resolve("model.mtl4j")).doesNotExist();
    assertThat(run("train", "--resume", out.toString())).isZero();
    assertThat(tensorChecksums(out.resolve("model.mtl4j"))).isEqualTo(tensorChecksums(reference.resolve("model.mtl4j")));
  }

  private Process cli(String... args) throws IOException {
    return CliFixture.start(dir.resolve("child.err"), List.of(), args);
  }
}
