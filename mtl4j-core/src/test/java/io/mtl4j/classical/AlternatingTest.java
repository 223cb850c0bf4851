package io.mtl4j.classical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The alternating formulations reach fixed points with the structure they are meant to find. */
class AlternatingTest {
  /** Six tasks in two planted groups: tasks 0-2 share w_a, tasks 3-5 share w_b (plus small deviations). */
  static MultiTaskData twoGroups(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] a = {3, -2, 1, 0, 2};
    double[] b = {-2, 1, 3, 2, -1};
    List<double[][]> xs = new ArrayList<>();
    List<double[]> ys = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      double[] w = t < 3 ? a : b;
      double[][] x = new double[40][5];
      double[] y = new double[40];
      for (int i = 0; i < 40; i++) {
        for (int j = 0; j < 5; j++) {
          x[i][j] = rng.nextGaussian();
          y[i] += x[i][j] * (w[j] + 0.05 * rng.nextGaussian());
        }
        y[i] += 0.1 * rng.nextGaussian();
      }
      xs.add(x);
      ys.add(y);
    }
    return MultiTaskData.of(xs, ys);
  }

  @Test
  void clusteredMtlFindsThePlantedGroupsAndAFeasibleM() {
    LinearMtlModel m = new ClusteredMTL(new ClusteredMTL.Options(50, 5, 2)).fit(twoGroups(1));
    assertThat(m.report().converged()).isTrue();
    double[] c = m.parts().get("clusters").values();
    assertThat(c[0]).isEqualTo(c[1]).isEqualTo(c[2]);
    assertThat(c[3]).isEqualTo(c[4]).isEqualTo(c[5]);
    assertThat(c[0]).isNotEqualTo(c[3]);
    double[] mm = m.parts().get("M").values();
    double trace = 0;
    for (int t = 0; t < 6; t++) trace += mm[t * 6 + t];
    assertThat(trace).isCloseTo(2, within(1e-9));
    for (double e : io.mtl4j.linalg.Linalg.symmetricEigen(mm, 6).values()) {
      assertThat(e).isBetween(-1e-9, 1 + 1e-9);
    }
  }

  @Test
  void mtrlLearnsPositiveCorrelationWithinAndNegativeAcrossGroups() {
    LinearMtlModel m = new MTRL(new MTRL.Options(0.1, 5)).fit(twoGroups(2));
    assertThat(m.report().converged()).isTrue();
    DenseMatrix corr = m.parts().get("correlation");
    assertThat(corr.get(0, 1)).isGreaterThan(0.9);
    assertThat(corr.get(3, 5)).isGreaterThan(0.9);
    assertThat(corr.get(0, 4)).isLessThan(0);
    double trace = 0;
    for (int t = 0; t < 6; t++) trace += m.parts().get("omega").get(t, t);
    assertThat(trace).isCloseTo(1, within(1e-9));
  }

  @Test
  void goMtlExplainsTwoGroupsWithTwoLatentTasks() {
    MultiTaskData data = twoGroups(3);
    LinearMtlModel m = new GOMTL(new GOMTL.Options(2, 0.5, 0.1)).fit(data);
    assertThat(m.report().converged()).isTrue();
    assertThat(m.parts().get("L").cols()).isEqualTo(2);
    assertThat(m.rank(1e-6)).isLessThanOrEqualTo(2);
    double[] w0 = m.weights(0);
    double[] truth = {3, -2, 1, 0, 2};
    for (int j = 0; j < 5; j++) assertThat(w0[j]).isCloseTo(truth[j], within(0.2));
  }

  @Test
  void clusterStepWaterFillsToTraceK() {
    double[] m = ClusteredMTL.waterFill(new double[] {0, 0.5, 1, 4, 9}, 2, 0.3);
    double s = 0;
    for (double v : m) {
      assertThat(v).isBetween(0.0, 1.0);
      s += v;
    }
    assertThat(s).isCloseTo(2, within(1e-9));
    for (int i = 1; i < m.length; i++) assertThat(m[i]).isGreaterThanOrEqualTo(m[i - 1]);
  }
}
