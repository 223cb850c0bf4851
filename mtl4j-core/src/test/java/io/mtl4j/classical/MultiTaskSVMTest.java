package io.mtl4j.classical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MultiTaskSVMTest {
  private static double accuracy(ClassicalModel m, int modelTask, MultiTaskData test, int task) {
    int right = 0;
    for (int i = 0; i < test.rows(task); i++) {
      if ((m.predict(modelTask, test.row(task, i)) >= 0 ? 1 : -1) == test.y(task)[i]) right++;
    }
    return (double) right / test.rows(task);
  }

  @ParameterizedTest
  @EnumSource(MultiTaskSVM.Kernel.class)
  void largeMuEqualsIndependentSvms(MultiTaskSVM.Kernel kernel) {
    MultiTaskData data = Problems.classification(31, 3, 4, 30, 50);
    // The per-task offset B = 100·mean k(x, x) leaves each task's bias nearly free, as an independent SVM's is;
    // the remaining gap is O(1/B) (measured ≈ 3e-4 on margins of size ≈ 5), so 2e-3 has room and still catches
    // a shared bias (gap ≈ 1.7 with B = 0).
    for (double mu : new double[] {1e9, Double.POSITIVE_INFINITY}) {
      MultiTaskSVM.Options options = new MultiTaskSVM.Options(mu, 1, kernel, 0.3, 2, 1, 100, 1e-6);
      MultiTaskSVM.Model joint = new MultiTaskSVM(options).fit(data);
      List<MultiTaskSVM.Model> independent = new MultiTaskSVM(options).fitIndependent(data);
      MultiTaskData probe = Problems.classification(32, 3, 4, 40, 40);
      for (int t = 0; t < 3; t++) {
        for (int i = 0; i < probe.rows(t); i++) {
          double a = joint.predict(t, probe.row(t, i));
          double b = independent.get(t).predict(t, probe.row(t, i));
          assertThat(a).as("mu %s task %d row %d", mu, t, i).isCloseTo(b, within(2e-3 * (1 + Math.abs(b))));
        }
      }
    }
  }

  @Test
  void rejectsLabelsOtherThanPlusMinusOne() {
    MultiTaskData bad = MultiTaskData.of(List.<double[][]>of(new double[][] {{1}, {2}}), List.of(new double[] {0, 1}));
    assertThatThrownBy(() -> new MultiTaskSVM(new MultiTaskSVM.Options(1)).fit(bad))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 0.0");
    assertThatThrownBy(() -> new MultiTaskSVM.Options(0)).hasMessageContaining("mu = 0.0");
  }

  /** 20 Newsgroups (MALSAR's pairs), 5% of each task's documents for training, 3 seeded splits. */
  @Test
  void sharedKernelBeatsIndependentSvmsForSomeMuOnNewsgroups() {
    assumeTrue(Newsgroups.available(), "../shared/data/malsar-20newsgroups absent (see its PROVENANCE.md): skipped");
    for (String pair : List.of("rec.vs.talk", "comp.vs.sci")) {
      MultiTaskData all = Newsgroups.load(pair);
      double independent = 0;
      double best = 0;
      double[] mus = {1, 3};
      double[] acc = new double[mus.length];
      for (long seed = 0; seed < 3; seed++) {
        MultiTaskData[] parts = all.randomSplit(0.05, seed);
        List<MultiTaskSVM.Model> ind = new MultiTaskSVM(new MultiTaskSVM.Options(1)).fitIndependent(parts[0]);
        for (int t = 0; t < 2; t++) independent += accuracy(ind.get(t), t, parts[1], t) / 6;
        for (int k = 0; k < mus.length; k++) {
          MultiTaskSVM.Model m = new MultiTaskSVM(new MultiTaskSVM.Options(mus[k])).fit(parts[0]);
          acc[k] += TaskMetrics.of(m, parts[1]).averageAccuracy() / 3;
        }
      }
      for (double a : acc) best = Math.max(best, a);
      assertThat(best).as(pair + ": best shared-kernel accuracy vs independent SVMs").isGreaterThan(independent);
    }
  }
}
