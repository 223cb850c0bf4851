package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress output on a non-terminal (tests never run on one): by default one line per run and none per epoch;
 * {@code --verbose} adds the per-epoch lines; {@code --quiet} prints neither, only the final summary.
 */
class VerbosityTest {
  private static final Pattern EPOCH = Pattern.compile("(?m)^.* epoch \\d+/\\d+ .*$");
  private static final Pattern DONE = Pattern.compile("(?m)^.* done: best epoch .*$");

  @TempDir Path dir;

  /** Demo with one seed: 3 models × 2 learning rates = 6 runs of 3 epochs. */
  private static CliRunner.Result demo(String... flags) {
    List<String> args = new ArrayList<>(List.of("demo", "--train-rows", "600", "--epochs", "3", "--seeds", "1", "--threads", "2"));
    args.addAll(List.of(flags));
    CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).as("the summary table is always printed").contains("Δm%");
    return r;
  }

  @Test
  void demoPrintsOneLinePerRunAndNoEpochLinesByDefault() {
    CliRunner.Result r = demo();
    assertThat(count(EPOCH, r.out())).isZero();
    assertThat(count(DONE, r.out())).isEqualTo(6);
  }

  @Test
  void demoVerbosePrintsEveryEpochLine() {
    CliRunner.Result r = demo("--verbose");
    assertThat(count(EPOCH, r.out())).isEqualTo(18);
    assertThat(count(DONE, r.out())).isEqualTo(6);
  }

  @Test
  void demoQuietPrintsOnlyTheSummary() {
    CliRunner.Result r = demo("--quiet");
    assertThat(count(EPOCH, r.out())).isZero();
    assertThat(count(DONE, r.out())).isZero();
  }

  @Test
  void trainAndCompareFollowTheSameModes() throws IOException {
    Path config = CliFixture.write(dir, CliFixture.csv(200, 1), CliFixture.CONFIG);
    int[][] expected = {{0, 1}, {3, 1}, {0, 0}};   // {epoch lines, run lines} for default, --verbose, --quiet: 3 epochs
    String[][] modes = {{}, {"--verbose"}, {"--quiet"}};
    for (int i = 0; i < modes.length; i++) {
      List<String> args = new ArrayList<>(List.of("train", "--config", config.toString(), "--data-dir", dir.toString(),
          "--out", dir.resolve("train" + i).toString()));
      args.addAll(List.of(modes[i]));
      CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(count(EPOCH, r.out())).as("train %s epoch lines", List.of(modes[i])).isEqualTo(expected[i][0]);
      assertThat(count(DONE, r.out())).as("train %s run lines", List.of(modes[i])).isEqualTo(expected[i][1]);
    }
    // compare: 2 models × 2 seeds = 4 runs of 3 epochs
    for (int i = 0; i < modes.length; i++) {
      List<String> args = new ArrayList<>(List.of("compare", "--config", config.toString(), "--data-dir", dir.toString(),
          "--out", dir.resolve("compare" + i).toString()));
      args.addAll(List.of(modes[i]));
      CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(count(EPOCH, r.out())).as("compare %s epoch lines", List.of(modes[i])).isEqualTo(4 * expected[i][0]);
      assertThat(count(DONE, r.out())).as("compare %s run lines", List.of(modes[i])).isEqualTo(4 * expected[i][1]);
    }
  }

  @Test
  void quietAndVerboseTogetherAreRefused() {
    CliRunner.Result r = CliRunner.run("demo", "--quiet", "--verbose");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--quiet").contains("--verbose");
  }

  private static long count(Pattern p, String text) {
    return p.matcher(text).results().count();
  }
}
