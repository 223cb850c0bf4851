package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.cli.run.Outputs;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.demo.PlantedTasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** {@code mtl4j relate} end to end on planted tasks: files, groups, flags and heatmaps; bad input exits 2 writing nothing. */
class RelateCommandTest {
  @TempDir Path dir;

  private static final String CONFIG = """
      data:
        train: planted.csv
        split: {method: random, valid: 0.1, test: 0.1}
      tasks:
      %s
      architecture:
        name: shared-bottom
        options: {hidden: [32, 3]}   # narrow: p and q compete for it (PlantedRelationsTest)
        head: {hidden: []}
      optimizer: {name: adam, options: {learningRate: 0.01}}
      training: {epochs: 8, batchSize: 64, threads: 1, seed: 2, patience: 0}
      """;

  private Path plantedConfig() throws IOException {
    Dataset d = PlantedTasks.generate(PlantedTasks.Options.defaults(), 2);
    StringBuilder csv = new StringBuilder();
    List<String> header = new ArrayList<>();
    for (int c = 0; c < d.featureCount(); c++) header.add("x" + c);
    header.addAll(PlantedTasks.TASKS);
    csv.append(String.join(",", header)).append('\n');
    for (int r = 0; r < d.rows(); r++) {
      List<String> cells = new ArrayList<>();
      for (int c = 0; c < d.featureCount(); c++) cells.add(String.format(Locale.ROOT, "%.5f", d.features().get(r * d.featureCount() + c)));
      for (String t : PlantedTasks.TASKS) cells.add(String.format(Locale.ROOT, "%.5f", d.labels(t).get(r)));
      csv.append(String.join(",", cells)).append('\n');
    }
    Files.writeString(dir.resolve("planted.csv"), csv);
    StringBuilder tasks = new StringBuilder();
    for (String t : PlantedTasks.TASKS) tasks.append("  - {name: ").append(t).append(", type: regression, column: ").append(t).append(", metrics: [rmse]}\n");
    Path config = dir.resolve("planted.yaml");
    Files.writeString(config, String.format(Locale.ROOT, CONFIG, tasks.toString().stripTrailing()));
    return config;
  }

  @Test
  void recommendsThePlantedClustersApartFromTheOpposedPairAndWritesEveryMeasure() throws IOException {
    Path out = dir.resolve("out");
    CliRunner.Result r = CliRunner.run("relate", "--config", plantedConfig().toString(), "--data-dir", dir.toString(), "--out", out.toString(),
        "--every", "10", "--rows", "256", "--models", "4", "--quiet");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode json = Outputs.JSON.readTree(out.resolve("relatedness.json").toFile());
    assertThat(json.get("tasks")).hasSize(8);
    for (String m : List.of("pearson", "spearman", "mutualInformation", "cramersV", "gradientCosine", "magnitudeRatio",
        "affinity")) {
      assertThat(json.at("/measures/" + m + "/values")).as(m).hasSize(8);
      assertThat(json.at("/measures/" + m + "/values/0")).as(m).hasSize(8);
    }
    assertThat(json.at("/measures/pearson/counts/0/1").asInt()).isEqualTo(1600); // 80 % of 2000 rows, all labelled
    List<String> groups = new ArrayList<>();
    json.get("recommended_groups").forEach(g -> groups.add(g.toString()));
    // The clusters are groups of their own; p and q, in conflict, are never trained together.
    assertThat(groups).contains("[\"a1\",\"a2\",\"a3\"]", "[\"b1\",\"b2\",\"b3\"]").hasSize(4)
        .noneMatch(g -> g.contains("\"p\"") && g.contains("\"q\""));
    assertThat(json.at("/formatVersion").asInt()).isEqualTo(2);
    assertThat(json.at("/flagged_pairs/pearson/pairs").toString()).isEqualTo("[[\"p\",\"q\"]]");
    assertThat(json.at("/flagged_pairs/pearson/kind").asText()).isEqualTo("conflicting");
    for (String unsigned : List.of("mutualInformation", "cramersV")) {
      assertThat(json.at("/flagged_pairs/" + unsigned + "/kind").asText()).isEqualTo("dependentButOpposed");
      assertThat(json.at("/flagged_pairs/" + unsigned + "/rule").asText()).contains("Spearman correlation is negative");
      assertThat(json.at("/flagged_pairs/" + unsigned + "/pairs").toString()).as(unsigned).contains("[\"p\",\"q\"]");
    }
    assertThat(json.at("/flagged_pairs/magnitudeRatio").isMissingNode()).as("a scale, not a relation").isTrue();
    assertThat(json.at("/predictedGain/overAllInOne").asDouble()).isPositive();
    assertThat(json.at("/sampling/samples").asInt()).isEqualTo(json.at("/sampling/steps").asInt() / 10);
    String html = Files.readString(out.resolve("report.html"));
    for (String m : List.of("pearson", "cramersV", "gradientCosine", "affinity", "gradient cosine, bottom.0")) {
      assertThat(html).contains("<img alt=\"" + m + "\" src=\"data:image/png;base64,");
    }
    assertThat(html).contains("Recommended grouping").contains("a1 – a2")
        .contains("Flagged pairs: each measure's rule and the pairs it flags").contains("dependent but opposed");
  }

  @Test
  void writesTheLinearModelsLearnedRelationsBesideTheOtherMeasuresAndGroupsByThemOnRequest() throws IOException {
    Path out = dir.resolve("out");
    CliRunner.Result r = CliRunner.run("relate", "--config", plantedConfig().toString(), "--data-dir", dir.toString(),
        "--out", out.toString(), "--every", "10", "--rows", "256", "--linear-rows", "1000", "--models", "4",
        "--group-by", "mtrlCorrelation", "--quiet");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode json = Outputs.JSON.readTree(out.resolve("relatedness.json").toFile());
    for (String m : List.of("mtrlCorrelation", "cmtlCoCluster")) {
      assertThat(json.at("/measures/" + m + "/values")).as(m).hasSize(8);
      assertThat(json.at("/measures/" + m + "/counts/0/1").asInt()).as("the bounded sample").isEqualTo(1000);
    }
    assertThat(json.at("/flagged_pairs/mtrlCorrelation/pairs").toString()).isEqualTo("[[\"p\",\"q\"]]");
    List<String> clusters = new ArrayList<>();
    json.get("learned_clusters").forEach(g -> clusters.add(g.toString()));
    assertThat(clusters).contains("[\"a1\",\"a2\",\"a3\"]", "[\"b1\",\"b2\",\"b3\"]")
        .noneMatch(g -> g.contains("\"p\"") && g.contains("\"q\""));
    assertThat(json.at("/learnedRelations/fitted").asBoolean()).isTrue();
    assertThat(json.at("/groupedBy").asText()).isEqualTo("mtrlCorrelation");
    List<String> groups = new ArrayList<>();
    json.get("recommended_groups").forEach(g -> groups.add(g.toString()));
    assertThat(groups).contains("[\"a1\",\"a2\",\"a3\"]", "[\"b1\",\"b2\",\"b3\"]")
        .noneMatch(g -> g.contains("\"p\"") && g.contains("\"q\""));
    assertThat(json.at("/servedBy/a1/mtrlCorrelation").asDouble()).isPositive();
    int k = json.at("/learnedRelations/clusters").asInt();
    assertThat(k).as("the two clusters' blocks, and the opposed pair's on either side of the widest gap").isBetween(2, 3);
    assertThat(json.at("/learnedRelations/validation/a1").asDouble()).isGreaterThan(0.5);
    assertThat(json.at("/agreement").toString()).contains("gradientCosine ~ mtrlCorrelation")
        .contains("affinity ~ mtrlCorrelation").contains("pearson ~ cmtlCoCluster");
    assertThat(r.out()).contains("Learned clusters (clustered MTL, k = " + k + ")");
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).contains("<img alt=\"mtrlCorrelation\" src=\"data:image/png;base64,")
        .contains("<img alt=\"cmtlCoCluster\" src=\"data:image/png;base64,")
        .contains("learned clusters (clustered MTL)").contains("Learned relations: linear fit per task")
        .contains("Recommended grouping (by mtrlCorrelation)");
  }

  @Test
  void pairsAndTrainGroupsAddTheTransferGainsAndTheHeldOutComparison() throws IOException {
    Path out = dir.resolve("out");
    CliRunner.Result r = CliRunner.run("relate", "--config", plantedConfig().toString(), "--data-dir", dir.toString(),
        "--out", out.toString(), "--every", "10", "--rows", "256", "--pairs", "--train-groups", "--seeds", "2",
        "--pair-epochs", "3", "--quiet");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Pairwise transfer: 72 models (8 tasks + 28 pairs, × 2 seeds)");
    JsonNode json = Outputs.JSON.readTree(out.resolve("relatedness.json").toFile());
    assertThat(json.at("/measures/transferGain/values")).hasSize(8);
    assertThat(json.at("/measures/transferGain/values/0/0").isNull()).as("no gain of a task with itself").isTrue();
    assertThat(json.at("/measures/transferGain/counts/0/1").asInt()).isEqualTo(2);
    assertThat(json.at("/pairwiseTransfer/spread/0/1").isNumber()).isTrue();
    assertThat(json.at("/agreement").toString()).contains("affinity ~ transferGain").contains("gradientCosine ~ transferGain");
    assertThat(json.at("/trainedGroups/groups")).hasSameSizeAs(json.get("recommended_groups"));
    for (String scheme : List.of("singleTask", "allInOne", "grouped")) {
      assertThat(json.at("/trainedGroups/schemes/" + scheme + "/perTask/a1/mean").isNumber()).as(scheme).isTrue();
    }
    assertThat(json.at("/trainedGroups/schemes/singleTask/meanGainPercent").asDouble()).isZero();
    // 36 single-task and pair models, the all-in-one model and the groups that are neither of those, per seed.
    int multiTaskGroups = 0;
    for (JsonNode g : json.at("/trainedGroups/groups")) if (g.size() > 2 && g.size() < 8) multiTaskGroups++;
    assertThat(json.at("/extraTrainings/models").asInt()).isEqualTo(2 * (36 + 1 + multiTaskGroups));
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).contains("<img alt=\"transferGain\"").contains("Pairwise transfer over 2 seeds")
        .contains("Grouped vs all-in-one vs single-task");
  }

  @Test
  void aBudgetOfNoModelsExitsTwoWritingNothing() throws IOException {
    Path out = dir.resolve("out");
    CliRunner.Result r = CliRunner.run("relate", "--config", plantedConfig().toString(), "--data-dir", dir.toString(), "--out", out.toString(), "--models", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--models 0: expected 1 to 8 (the number of tasks)");
    assertThat(out).doesNotExist();
  }

  @ParameterizedTest
  @CsvSource({"--every, 0, --every 0: expected at least 1 step", "--rows, 0, --rows 0: expected at least 1 row",
      "--lookahead, -0.5, --lookahead -0.5: expected a finite η > 0", "--models, 9, --models 9: expected 1 to 8",
      "--seeds, 0, --seeds 0: expected at least 1", "--pair-epochs, 0, --pair-epochs 0: expected at least 1 epoch",
      "--linear-rows, 19, --linear-rows 19: expected at least 20 rows",
      "--group-by, pearsn, --group-by pearsn: expected one of", "--group-by, transferGain, --group-by transferGain needs --pairs"})
  void badProbeSettingsExitTwoNamingTheFlagWritingNothing(String flag, String value, String message) throws IOException {
    Path out = dir.resolve("out");
    CliRunner.Result r = CliRunner.run("relate", "--config", plantedConfig().toString(), "--data-dir", dir.toString(),
        "--out", out.toString(), flag, value);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(message);
    assertThat(out).doesNotExist();
  }

  @Test
  void anIntervalLongerThanTrainingExitsTwoNamingTheOptionWritingNothing() throws IOException {
    Path out = dir.resolve("out");
    CliRunner.Result r = CliRunner.run("relate", "--config", plantedConfig().toString(), "--data-dir", dir.toString(), "--out", out.toString(),
        "--every", "100000", "--quiet");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("fewer than the sampling interval of 100000");
    assertThat(out).doesNotExist();
  }
}
