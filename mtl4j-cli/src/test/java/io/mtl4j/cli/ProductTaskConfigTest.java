package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.cli.run.ModelStore;
import io.mtl4j.data.demo.Funnel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tasks[].productOf} in a config: ESMM's CTCVR = CTR × CVR through train and predict. */
class ProductTaskConfigTest {
  private static final String CONFIG = """
      data:
        train: data.csv
        split: {method: random, valid: 0.2, test: 0.2}
      inputs:
        - {name: ids, kind: categorical, columns: [user, item], embeddingDim: 4, hashBuckets: 1}
      tasks:
        - {name: ctr, type: binary, column: click, metrics: [auc]}
        - {name: cvr, type: binary, column: conversion, weight: 0, metrics: [auc]}
        - {name: ctcvr, type: binary, column: bought, productOf: PRODUCT, metrics: [auc]}
      architecture: {name: single-task, options: {hidden: [8]}}
      training: {epochs: 2, batchSize: 128, threads: 1, seed: 1, patience: 0}
      """;

  @TempDir Path dir;

  private CliFixture.Result train(String product) throws IOException {
    StringBuilder csv = new StringBuilder("user,item,click,conversion,bought\n");
    Funnel.Impressions imp = new Funnel(Funnel.Options.defaults(), 1).draw(3000, 2);
    for (int r = 0; r < imp.size(); r++) {
      // conversion is known only for clicked rows: empty (missing) elsewhere.
      csv.append('u').append(imp.user()[r]).append(",i").append(imp.item()[r]).append(',')
          .append((int) imp.click()[r]).append(',').append(imp.click()[r] == 1 ? (int) imp.conversion()[r] + "" : "")
          .append(',').append((int) imp.conversion()[r]).append('\n');
    }
    Path c = CliFixture.write(dir, csv.toString(), CONFIG.replace("PRODUCT", product));
    return CliFixture.run("train", "--config", c.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve("out").toString());
  }

  @Test
  void productTaskIsTrainedAndPredictedAsTheProductOfItsFactors() throws IOException {
    CliFixture.Result trained = train("[ctr, cvr]");
    assertThat(trained.code()).as(trained.err()).isZero();
    ModelStore.Loaded saved = ModelStore.load(dir.resolve("out/model.mtl4j"), null);
    assertThat(saved.model().tasks().get(2).productOf()).containsExactly("ctr", "cvr");
    Files.writeString(dir.resolve("in.csv"), "user,item\nu1,i2\nu7,i9\nu3,i250\n");
    CliFixture.Result predicted = CliFixture.run("predict", "--model", dir.resolve("out/model.mtl4j").toString(),
        "--input", dir.resolve("in.csv").toString(), "--output", dir.resolve("pred.csv").toString());
    assertThat(predicted.code()).as(predicted.err()).isZero();
    List<String> lines = Files.readAllLines(dir.resolve("pred.csv"));
    List<String> header = List.of(lines.get(0).split(","));
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      double ctr = Double.parseDouble(cells[header.indexOf("ctr_probability")]);
      double cvr = Double.parseDouble(cells[header.indexOf("cvr_probability")]);
      assertThat(Double.parseDouble(cells[header.indexOf("ctcvr_probability")])).isCloseTo(ctr * cvr, within(1e-5));
    }
  }

  @Test
  void productOfAnUnknownTaskIsRefusedWithExitCode2() throws IOException {
    CliFixture.Result r = train("[ctr, cvx]");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'ctcvr' is the product of unknown task 'cvx'");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
