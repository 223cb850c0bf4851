package io.mtl4j.classical;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.linalg.Linalg;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each FISTA-solved formulation, on small seeded random problems, (a) satisfies its own optimality conditions to
 * 1e-6 (relative to 1 + ||∇f(0)||) with the gradient recomputed from the raw rows, and (b) matches a slow reference:
 * plain proximal gradient with the fixed step 1/L from zero for 40,000 iterations.
 */
class OptimalityTest {
  /** The conditions are checked to 1e-6; the solver is asked for 1e-11 so that the check has room. */
  private static final double CHECK = 1e-6;
  private static final double SOLVE = 1e-11;
  private static final int REFERENCE_STEPS = 40_000;

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (long seed : new long[] {11, 12}) {
      out.add(Arguments.of("lasso", Map.of("lambda", 3.0), seed));
      out.add(Arguments.of("l21", Map.of("lambda", 6.0), seed));
      out.add(Arguments.of("trace", Map.of("lambda", 8.0), seed));
      out.add(Arguments.of("dirty", Map.of("rho1", 12.0, "rho2", 4.0), seed));
      out.add(Arguments.of("rmtfl", Map.of("rho1", 10.0, "rho2", 25.0), seed));
      out.add(Arguments.of("robust", Map.of("rho1", 8.0, "rho2", 15.0), seed));
      out.add(Arguments.of("srmtl", Map.of("rho1", 2.0, "rho2", 3.0, "graph", "chain"), seed));
      out.add(Arguments.of("mtrl", Map.of("lambda1", 0.5, "lambda2", 0.4), seed));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} seed {2}")
  @MethodSource("cases")
  void satisfiesOptimalityConditionsAndMatchesSlowProximalGradient(String name, Map<String, Object> params,
                                                                  long seed) {
    MultiTaskData data = Problems.regression(seed, 4, 5, 20, 30);
    Map<String, Object> opts = new java.util.LinkedHashMap<>(params);
    opts.put("tol", SOLVE);
    LinearFormulation f = (LinearFormulation) Formulations.create(name, opts);
    LinearMtlModel model = f.fit(data);
    assertThat(model.report().converged()).as("certificate reached").isTrue();
    assertThat(Problems.norm(model.weightMatrix().values())).as("a non-trivial solution").isGreaterThan(0.1);

    double scale = name.equals("dirty") || name.equals("rmtfl") ? 1.0 : 0.5;
    double[] w = model.weightMatrix().values();
    double[] grad = Problems.leastSquaresGradient(data, w, scale);
    if (name.equals("srmtl")) addChainCoupling(grad, w, 5, 4, 2.0);
    if (name.equals("mtrl")) for (int i = 0; i < w.length; i++) grad[i] += 0.5 * w[i];
    double eps = CHECK * (1 + Problems.norm(Problems.leastSquaresGradient(data, new double[w.length], scale)));
    switch (name) {
      case "lasso" -> Conditions.l1(w, grad, 3.0, eps);
      case "srmtl" -> Conditions.l1(w, grad, 3.0, eps);
      case "l21" -> Conditions.rowGroups(w, grad, 5, 4, 6.0, eps);
      case "trace" -> Conditions.trace(w, grad, 5, 4, 8.0, eps);
      case "mtrl" -> {
        // ∂(λ2/2)||W||²_* = λ2·||W||_*·∂||W||_*: the trace-norm condition with λ = λ2·||W||_*.
        double nuclear = 0;
        for (double v : Linalg.svd(w.clone(), 5, 4).s()) nuclear += v;
        Conditions.trace(w, grad, 5, 4, 0.4 * nuclear, eps);
      }
      case "dirty" -> {
        Conditions.rowLinf(model.parts().get("P").values(), grad, 5, 4, 12.0, eps);
        Conditions.l1(model.parts().get("Q").values(), grad, 4.0, eps);
      }
      case "rmtfl" -> {
        Conditions.rowGroups(model.parts().get("P").values(), grad, 5, 4, 10.0, eps);
        Conditions.columnGroups(model.parts().get("Q").values(), grad, 5, 4, 25.0, eps);
      }
      case "robust" -> {
        Conditions.trace(model.parts().get("L").values(), grad, 5, 4, 8.0, eps);
        Conditions.columnGroups(model.parts().get("S").values(), grad, 5, 4, 15.0, eps);
      }
      default -> throw new IllegalStateException(name);
    }

    CompositeProblem p = problemOf(f, data);
    double[] ref = Problems.proximalGradient(p, 1.01 * p.lipschitzEstimate(), REFERENCE_STEPS);
    double refObjective = p.smooth(ref, null) + p.penalty(ref);
    assertThat(model.report().objective()).isCloseTo(refObjective,
        org.assertj.core.api.Assertions.within(1e-8 * Math.abs(refObjective)));
    double[] refW = p.weights(ref);
    double diff = 0;
    for (int i = 0; i < w.length; i++) diff = Math.max(diff, Math.abs(w[i] - refW[i]));
    assertThat(diff).as("max |W − W_ref|").isLessThan(1e-4 * (1 + Problems.norm(refW)));
  }

  static Stream<Arguments> logisticCases() {
    return Stream.of(
        Arguments.of("lasso", Map.of("lambda", 0.02), 21L),
        Arguments.of("l21", Map.of("lambda", 0.05), 22L),
        Arguments.of("trace", Map.of("lambda", 0.1), 23L),
        Arguments.of("ridge", Map.of("lambda", 0.05), 24L));
  }

  @ParameterizedTest(name = "logistic {0} {1} seed {2}")
  @MethodSource("logisticCases")
  void logisticSolutionsSatisfyOptimalityConditionsAndMatchSlowProximalGradient(String name,
                                                                               Map<String, Object> params,
                                                                               long seed) {
    MultiTaskData data = Problems.classification(seed, 3, 4, 25, 40);
    Map<String, Object> opts = new java.util.LinkedHashMap<>(params);
    opts.put("tol", SOLVE);
    opts.put("loss", "logistic");
    LinearFormulation f = (LinearFormulation) Formulations.create(name, opts);
    LinearMtlModel model = f.fit(data);
    assertThat(model.report().converged()).isTrue();
    double lambda = ((Number) params.get("lambda")).doubleValue();
    double[] w = model.weightMatrix().values();
    double[] full = Problems.logisticGradient(data, w, model.intercepts());
    double[] grad = java.util.Arrays.copyOf(full, w.length);
    double eps = CHECK * (1 + Problems.norm(Problems.logisticGradient(data, new double[w.length], new double[3])));
    for (int t = 0; t < 3; t++) {
      assertThat(Math.abs(full[w.length + t])).as("intercept %d stationary", t).isLessThanOrEqualTo(eps);
    }
    switch (name) {
      case "lasso" -> Conditions.l1(w, grad, lambda, eps);
      case "l21" -> Conditions.rowGroups(w, grad, 4, 3, lambda, eps);
      case "trace" -> Conditions.trace(w, grad, 4, 3, lambda, eps);
      case "ridge" -> {
        for (int i = 0; i < w.length; i++) {
          assertThat(grad[i] + lambda * w[i]).as("ridge entry %d", i).isBetween(-eps, eps);
        }
      }
      default -> throw new IllegalStateException(name);
    }
    SmoothLoss loss = new LogisticLoss(data);
    CompositeProblem p = switch (name) {
      case "lasso" -> new CompositeProblem(loss, List.of(Penalty.l1(lambda)));
      case "l21" -> new CompositeProblem(loss, List.of(Penalty.rowGroups(lambda)));
      case "trace" -> new CompositeProblem(loss, List.of(Penalty.trace(lambda)));
      default -> new CompositeProblem(loss, List.of(Penalty.none()), TaskCouplings.identity(3, lambda / 2));
    };
    double[] ref = Problems.proximalGradient(p, 1.01 * p.lipschitzEstimate(), REFERENCE_STEPS);
    double refObjective = p.smooth(ref, null) + p.penalty(ref);
    assertThat(model.report().objective()).isCloseTo(refObjective,
        org.assertj.core.api.Assertions.within(1e-8 * Math.abs(refObjective)));
  }

  /** The composite problem a formulation solves, rebuilt here for the reference run. */
  private static CompositeProblem problemOf(LinearFormulation f, MultiTaskData data) {
    return switch (f.name()) {
      case "lasso" -> new CompositeProblem(new LeastSquaresLoss(LeastSquaresStats.of(data), 0.5), List.of(Penalty.l1(3.0)));
      case "l21" -> new CompositeProblem(new LeastSquaresLoss(LeastSquaresStats.of(data), 0.5), List.of(Penalty.rowGroups(6.0)));
      case "trace" -> new CompositeProblem(new LeastSquaresLoss(LeastSquaresStats.of(data), 0.5), List.of(Penalty.trace(8.0)));
      case "dirty" -> new CompositeProblem(new LeastSquaresLoss(LeastSquaresStats.of(data), 1.0),
          List.of(Penalty.rowLinf(12.0), Penalty.l1(4.0)));
      case "rmtfl" -> new CompositeProblem(new LeastSquaresLoss(LeastSquaresStats.of(data), 1.0),
          List.of(Penalty.rowGroups(10.0), Penalty.columnGroups(25.0)));
      case "robust" -> new CompositeProblem(new LeastSquaresLoss(LeastSquaresStats.of(data), 0.5),
          List.of(Penalty.trace(8.0), Penalty.columnGroups(15.0)));
      case "mtrl" -> new CompositeProblem(new LeastSquaresLoss(LeastSquaresStats.of(data), 0.5),
          List.of(Penalty.squaredTrace(0.2)), TaskCouplings.identity(4, 0.25));
      case "srmtl" -> new CompositeProblem(new LeastSquaresLoss(LeastSquaresStats.of(data), 0.5), List.of(Penalty.l1(3.0)),
          TaskCouplings.gram(SRMTL.Graph.CHAIN.structure(4), 4, 3, 2.0));
      default -> throw new IllegalStateException(f.name());
    };
  }

  /** Adds ∇ of rho·||W R||² for the chain graph: 2·rho·W·R·Rᵀ, computed from the edges directly. */
  private static void addChainCoupling(double[] grad, double[] w, int d, int tasks, double rho) {
    for (int e = 0; e + 1 < tasks; e++) {
      for (int j = 0; j < d; j++) {
        double diff = w[e * d + j] - w[(e + 1) * d + j];
        grad[e * d + j] += 2 * rho * diff;
        grad[(e + 1) * d + j] -= 2 * rho * diff;
      }
    }
  }

  /** Subdifferential conditions −∇f(W) ∈ λ∂Ω(W_k) for the component W_k of each penalty. */
  static final class Conditions {
    private Conditions() {}

    static void l1(double[] w, double[] g, double lambda, double eps) {
      for (int i = 0; i < w.length; i++) {
        if (w[i] != 0) assertThat(g[i] + lambda * Math.signum(w[i])).as("l1 entry %d", i).isBetween(-eps, eps);
        else assertThat(Math.abs(g[i])).as("l1 zero entry %d", i).isLessThanOrEqualTo(lambda + eps);
      }
    }

    static void rowGroups(double[] w, double[] g, int d, int tasks, double lambda, double eps) {
      for (int j = 0; j < d; j++) {
        double n = 0;
        double gn = 0;
        for (int t = 0; t < tasks; t++) {
          n += w[t * d + j] * w[t * d + j];
          gn += g[t * d + j] * g[t * d + j];
        }
        n = Math.sqrt(n);
        if (n == 0) {
          assertThat(Math.sqrt(gn)).as("zero row %d", j).isLessThanOrEqualTo(lambda + eps);
          continue;
        }
        double r = 0;
        for (int t = 0; t < tasks; t++) r += Math.pow(g[t * d + j] + lambda * w[t * d + j] / n, 2);
        assertThat(Math.sqrt(r)).as("row %d", j).isLessThanOrEqualTo(eps);
      }
    }

    static void columnGroups(double[] w, double[] g, int d, int tasks, double lambda, double eps) {
      // Columns of W are rows of Wᵀ: reuse the row check on the transposed layout.
      rowGroups(Linalg.transpose(w, d, tasks), Linalg.transpose(g, d, tasks), tasks, d, lambda, eps);
    }

    static void rowLinf(double[] w, double[] g, int d, int tasks, double lambda, double eps) {
      for (int j = 0; j < d; j++) {
        double max = 0;
        double gl1 = 0;
        for (int t = 0; t < tasks; t++) {
          max = Math.max(max, Math.abs(w[t * d + j]));
          gl1 += Math.abs(g[t * d + j]);
        }
        if (max == 0) {
          assertThat(gl1).as("zero row %d: ||g||₁", j).isLessThanOrEqualTo(lambda + eps);
          continue;
        }
        assertThat(gl1).as("row %d: ||g||₁ = λ", j).isBetween(lambda - eps, lambda + eps);
        for (int t = 0; t < tasks; t++) {
          double v = w[t * d + j];
          if (Math.abs(v) < max - 1e-9 * (1 + max)) {
            assertThat(Math.abs(g[t * d + j])).as("row %d, off-max entry %d", j, t).isLessThanOrEqualTo(eps);
          } else {
            assertThat(-g[t * d + j] * Math.signum(v)).as("row %d, max entry %d sign", j, t)
                .isGreaterThanOrEqualTo(-eps);
          }
        }
      }
    }

    /** −G/λ = U_r V_rᵀ + Z with U_rᵀZ = 0, Z V_r = 0, ||Z||₂ ≤ 1 (the trace-norm subdifferential). */
    static void trace(double[] w, double[] g, int d, int tasks, double lambda, double eps) {
      Linalg.Svd svd = Linalg.svd(w.clone(), d, tasks);
      int r = 0;
      while (r < svd.rank() && svd.s()[r] > 1e-9 * (1 + svd.s()[0])) r++;
      double[] z = new double[d * tasks];
      for (int t = 0; t < tasks; t++) {
        for (int i = 0; i < d; i++) {
          double uv = 0;
          for (int k = 0; k < r; k++) uv += svd.u()[k * d + i] * svd.v()[k * tasks + t];
          z[t * d + i] = -g[t * d + i] / lambda - uv;
        }
      }
      double tol = eps / lambda;
      for (int k = 0; k < r; k++) {
        for (int t = 0; t < tasks; t++) {
          double uz = 0;
          for (int i = 0; i < d; i++) uz += svd.u()[k * d + i] * z[t * d + i];
          assertThat(Math.abs(uz)).as("U_rᵀZ").isLessThanOrEqualTo(tol);
        }
        for (int i = 0; i < d; i++) {
          double zv = 0;
          for (int t = 0; t < tasks; t++) zv += z[t * d + i] * svd.v()[k * tasks + t];
          assertThat(Math.abs(zv)).as("Z V_r").isLessThanOrEqualTo(tol);
        }
      }
      assertThat(Linalg.svd(z, d, tasks).s()[0]).as("||Z||₂").isLessThanOrEqualTo(1 + tol);
    }
  }
}
