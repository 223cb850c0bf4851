package io.mtl4j.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.cli.CliRunner;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PredictBenchTest {
  private static final Pattern LINE = Pattern.compile("\\{\"workload\":\"predict\",\"engine\":\"([a-z0-9-]+)\","
      + "\"batch\":(\\d+),\"p50_us\":([0-9.]+),\"p99_us\":([0-9.]+)}");
  private static final Pattern DIFFERENCE = Pattern.compile("max \\|mtl4j-runtime − onnxruntime\\| over 256 rows = (\\S+)");

  /**
   * Four lines, runtime then ONNX Runtime for batch 1 and then 256, each p50 ≤ p99; and both engines predict the same
   * census-shaped rows within 1e-5 (the parity tests' bound), so the timing compares the same computation.
   */
  @Test
  void printsOneJsonLinePerEngineAndBatchSizeForTheSameComputation() {
    CliRunner.Result r = CliRunner.run("bench", "predict", "--calls", "50", "--batch-calls", "2", "--warmup", "20");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = r.out().strip().lines().toList();
    assertThat(lines).hasSize(4);
    String[][] expected = {{"mtl4j-runtime", "1"}, {"onnxruntime", "1"}, {"mtl4j-runtime", "256"}, {"onnxruntime", "256"}};
    for (int i = 0; i < 4; i++) {
      Matcher m = LINE.matcher(lines.get(i));
      assertThat(m.matches()).as(lines.get(i)).isTrue();
      assertThat(new String[] {m.group(1), m.group(2)}).containsExactly(expected[i]);
      assertThat(Double.parseDouble(m.group(3))).isPositive().isLessThanOrEqualTo(Double.parseDouble(m.group(4)));
    }
    Matcher d = DIFFERENCE.matcher(r.err());
    assertThat(d.find()).as(r.err()).isTrue();
    assertThat(Double.parseDouble(d.group(1))).isLessThanOrEqualTo(1e-5);
    assertThat(r.err()).contains("random weights");
  }

  @Test
  void percentileIsTheNearestRank() {
    long[] sorted = new long[100];
    for (int i = 0; i < 100; i++) sorted[i] = i + 1;
    assertThat(PredictBench.percentile(sorted, 0.5)).isEqualTo(50);
    assertThat(PredictBench.percentile(sorted, 0.99)).isEqualTo(99);
    assertThat(PredictBench.percentile(new long[] {7}, 0.99)).isEqualTo(7);
  }

  @Test
  void refusesBadCountsWithExitCode2() {
    CliRunner.Result r = CliRunner.run("bench", "predict", "--calls", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--calls and --batch-calls must be ≥ 1");
  }
}
