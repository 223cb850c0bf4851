package io.mtl4j.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.classical.MultiTaskData;
import org.junit.jupiter.api.Test;

/** The Java side of the scikit-learn twin builds the same numbers; expected values printed by multitask_lasso.py. */
class ClassicalBenchTest {
  @Test
  void splitMixStreamsMatchThePythonTwinBitForBit() {
    assertThat(ClassicalBench.uniform(42, 0, 3)).containsExactly(0.7415648787718233, 0.1599103928769201,
        0.27860113025513866);
    assertThat(ClassicalBench.uniform(7, 2, 2)).containsExactly(0.4661670116660206, 0.8110271373624338);
  }

  @Test
  void solvesTheSameProblemToScikitLearnsObjective() {
    ClassicalBench.Options o = new ClassicalBench.Options(50, 8, 3, 4, 1.0, 0.1, 1e-10, 5, 1);
    MultiTaskData data = ClassicalBench.problem(o);
    assertThat(data.row(0, 3)[5]).isEqualTo(1.1925700049296681);
    assertThat(data.y(2)[7]).isCloseTo(-1.1778497030671353, within(1e-13));
    ClassicalBench.Result r = ClassicalBench.run(o);
    assertThat(r.alpha()).isCloseTo(0.1255333024400054, within(1e-14));
    // scikit-learn 1.2.1 MultiTaskLasso(tol=1e-10) reached objective 1.3662552486223205 on this problem.
    assertThat(r.objective()).isCloseTo(1.3662552486223205, within(1e-9));
    assertThat(r.gap()).isLessThanOrEqualTo(1e-10 * 1e3);
  }

  @Test
  void refusesAnEmptyProblemNamingTheValues() {
    assertThatThrownBy(() -> new ClassicalBench.Options(0, 8, 3, 4, 1.0, 0.1, 1e-10, 5, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n = 0, expected >= 1");
  }
}
