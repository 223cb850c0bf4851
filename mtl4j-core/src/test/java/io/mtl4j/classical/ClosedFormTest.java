package io.mtl4j.classical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Closed forms (ridge, pooled, mean-regularized) agree with certified FISTA on the same objective. */
class ClosedFormTest {
  private static final SolverOptions TIGHT = SolverOptions.converged().withTolerance(1e-12);

  private static void assertSameWeights(LinearMtlModel a, double[] b) {
    double[] w = a.weightMatrix().values();
    for (int i = 0; i < w.length; i++) assertThat(w[i]).isCloseTo(b[i], within(1e-7 * (1 + Math.abs(b[i]))));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void ridgeClosedFormMatchesFista(long seed) {
    MultiTaskData data = Problems.regression(seed, 3, 4, 6, 12);
    LinearMtlModel closed = new Ridge(new Ridge.Options(0.8)).fit(data);
    CompositeProblem p = new CompositeProblem(new LeastSquaresLoss(LeastSquaresStats.of(data), 0.5), List.of(Penalty.none()),
        TaskCouplings.identity(3, 0.4));
    assertSameWeights(closed, io.mtl4j.classical.solver.Fista.minimize(p, new double[p.dimension()], TIGHT.fista())
        .x());
  }

  @ParameterizedTest
  @ValueSource(longs = {3, 4})
  void meanRegularizedClosedFormMatchesFistaOnTheEliminatedCoupling(long seed) {
    MultiTaskData data = Problems.regression(seed, 4, 3, 3, 10);
    double l1 = 2.0;
    double l2 = 0.5;
    LinearMtlModel closed = new MeanRegularized(new MeanRegularized.Options(l1, l2)).fit(data);
    double c = l1 / (4 * l1 + l2);
    double[] m = new double[16];
    for (int s = 0; s < 4; s++) {
      for (int t = 0; t < 4; t++) m[s * 4 + t] = l1 / 2 * ((s == t ? 1 : 0) - c);
    }
    CompositeProblem p = new CompositeProblem(new LeastSquaresLoss(LeastSquaresStats.of(data), 0.5), List.of(Penalty.none()), m);
    double[] fista = io.mtl4j.classical.solver.Fista.minimize(p, new double[p.dimension()], TIGHT.fista()).x();
    assertSameWeights(closed, fista);
    // w0 is the weighted mean of the tasks: λ1 Σ_t w_t / (Tλ1 + λ2).
    double[] w0 = closed.parts().get("w0").values();
    for (int j = 0; j < 3; j++) {
      double sum = 0;
      for (int t = 0; t < 4; t++) sum += fista[t * 3 + j];
      assertThat(w0[j]).isCloseTo(c * sum, within(1e-7));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {5, 6})
  void pooledFitsOneModelOnAllRows(long seed) {
    MultiTaskData data = Problems.regression(seed, 3, 4, 8, 12);
    LinearMtlModel pooled = new Pooled(new Pooled.Options()).fit(data);
    LinearMtlModel single = new Ridge(new Ridge.Options(0)).fit(Pooled.pool(data));
    for (int t = 0; t < 3; t++) {
      for (int j = 0; j < 4; j++) assertThat(pooled.weights(t)[j]).isCloseTo(single.weights(0)[j], within(1e-9));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {7, 8})
  void dualityGapCertifiesSharedXL21AtScikitLearnsScale(long seed) {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    double[][] x = new double[60][8];
    double[][] y = new double[60][3];
    for (int i = 0; i < 60; i++) {
      for (int j = 0; j < 8; j++) x[i][j] = rng.nextGaussian();
      for (int t = 0; t < 3; t++) y[i][t] = x[i][0] - x[i][1] * (t + 1) + 0.5 * rng.nextGaussian();
    }
    MultiTaskData data = MultiTaskData.sharedX(x, y);
    SolverOptions gap = new SolverOptions(SolverOptions.Mode.CONVERGED, 1e-10, 100_000, 0,
        io.mtl4j.classical.solver.Fista.Criterion.DUALITY_GAP);
    LinearMtlModel byGap = new L21(new L21.Options(15, LossFunction.LEAST_SQUARES, gap)).fit(data);
    LinearMtlModel byKkt = new L21(new L21.Options(15, LossFunction.LEAST_SQUARES, TIGHT)).fit(data);
    double energy = 0;
    for (double[] row : y) for (double v : row) energy += v * v;
    assertThat(byGap.report().gap()).isBetween(0.0, 1e-10 * energy);
    assertThat(byGap.report().objective()).isCloseTo(byKkt.report().objective(), within(1e-9 * energy));
    assertThat(byGap.selectedFeatures(0)).containsExactly(byKkt.selectedFeatures(0));
  }
}
