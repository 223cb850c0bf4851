package io.mtl4j.weighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.testkit.ReplayContext;
import io.mtl4j.weighting.solver.Gram;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DynamicRelationsTest {
  private static final double[][] ONE_CONFLICTS = {{1, 0, 0}, {0.9, 0.2, 0}, {-0.5, 0.1, 0.3}};

  @Test
  void detachesATaskWhoseGradientOpposesTheOthersFromTheSharedUpdate() {
    ReplayContext ctx = ReplayContext.of(new double[3], ONE_CONFLICTS);
    StepWeights w = new DynamicRelations(DynamicRelations.Options.DEFAULTS).combine(ctx);
    assertThat(w.reported()).containsExactly(1, 1, 0);
    assertThat(w.lossScales()).as("heads keep their own loss's gradient").isNull();
    assertThat(ctx.sharedGradient()).containsExactly(new double[] {1.9, 0.2, 0}, Offset.offset(1e-12));
  }

  @Test
  void aConflictIsRememberedByTheRunningCosine() {
    DynamicRelations d = new DynamicRelations(new DynamicRelations.Options(DynamicRelations.Mode.DETACH, -0.1, 0.5, 0.1));
    d.combine(ReplayContext.of(new double[3], ONE_CONFLICTS));
    // Task 2's cosine was ≈ −0.82; now it agrees (+1). With decay 0.5, r ≈ 0.09: attached again after one aligned
    // step; with decay 0.9, r ≈ −0.64: still detached.
    double[][] aligned = {{1, 0, 0}, {1, 0, 0}, {1, 0, 0}};
    assertThat(d.combine(ReplayContext.of(new double[3], aligned)).reported()).containsExactly(1, 1, 1);
    DynamicRelations slow = new DynamicRelations(DynamicRelations.Options.DEFAULTS); // decay 0.9
    slow.combine(ReplayContext.of(new double[3], ONE_CONFLICTS));
    assertThat(slow.combine(ReplayContext.of(new double[3], aligned)).reported()).containsExactly(1, 1, 0);
    assertThat(slow.state().get("running_cosine")[2]).isLessThan(-0.1);
  }

  @Test
  void whenEveryTaskConflictsNoneIsDetached() {
    double[][] opposite = {{1, 2}, {-1, -2}};
    ReplayContext ctx = ReplayContext.of(new double[2], opposite);
    assertThat(new DynamicRelations(DynamicRelations.Options.DEFAULTS).combine(ctx).reported()).containsExactly(1, 1);
  }

  @Test
  void reweightRampsFromZeroAtTheThresholdToOneAWidthAbove() {
    // Task 1 is orthogonal to task 0 (cosine 0), task 0 likewise: with threshold −0.1 and width 0.2 both weigh 0.5.
    double[][] orthogonal = {{1, 0}, {0, 1}};
    DynamicRelations d = new DynamicRelations(new DynamicRelations.Options(DynamicRelations.Mode.REWEIGHT, -0.1, 0.9, 0.2));
    assertThat(d.combine(ReplayContext.of(new double[2], orthogonal)).reported())
        .containsExactly(new double[] {0.5, 0.5}, Offset.offset(1e-12));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void cosinesFromTheGramMatrixEqualThoseOfTheVectors(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int tasks = 2 + r.nextInt(5), dim = 1 + r.nextInt(8);
    double[][] g = new double[tasks][dim];
    for (double[] row : g) for (int i = 0; i < dim; i++) row[i] = r.nextGaussian();
    double[] fromGram = DynamicRelations.cosinesWithTheOthers(Gram.of(g));
    for (int t = 0; t < tasks; t++) {
      double[] others = new double[dim];
      for (int s = 0; s < tasks; s++) if (s != t) for (int i = 0; i < dim; i++) others[i] += g[s][i];
      double expected = Gram.dot(g[t], others) / (Gram.norm(g[t]) * Gram.norm(others));
      assertThat(fromGram[t]).isCloseTo(expected, Offset.offset(1e-9));
    }
  }

  @Test
  void refusesOptionsOutOfRange() {
    assertThatThrownBy(() -> new DynamicRelations.Options(DynamicRelations.Mode.DETACH, -1.5, 0.9, 0.1))
        .hasMessageContaining("threshold = -1.5");
    assertThatThrownBy(() -> new DynamicRelations.Options(DynamicRelations.Mode.DETACH, 0, 1.0, 0.1))
        .hasMessageContaining("decay = 1.0");
    assertThatThrownBy(() -> new DynamicRelations.Options(null, 0, 0.5, 0.1)).hasMessageContaining("mode = null");
    assertThatThrownBy(() -> Weightings.create("dynamic", java.util.Map.of("mode", "drop")))
        .hasMessageContaining("mode");
  }
}
