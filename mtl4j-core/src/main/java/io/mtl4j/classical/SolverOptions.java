package io.mtl4j.classical;

import io.mtl4j.classical.solver.Fista;

/**
 * How a formulation is solved.
 *
 * @param mode          {@link Mode#CONVERGED}: certified FISTA from zero or a warm start; {@link Mode#MALSAR}:
 *                      MALSAR's start ({@code opts.init = 0}) and stopping rule ({@code opts.tFlag = 1})
 * @param tolerance     CONVERGED: relative KKT residual (or duality gap); MALSAR: {@code opts.tol}
 * @param maxIterations CONVERGED: a safety cap; MALSAR: {@code opts.maxIter}
 * @param seed          seeds the random start MALSAR's rMTFL and dirty model use (and any other randomness)
 * @param criterion     CONVERGED only: KKT residual (every formulation) or duality gap (least-squares Lasso, L21)
 */
public record SolverOptions(Mode mode, double tolerance, int maxIterations, long seed, Fista.Criterion criterion) {
  public enum Mode { CONVERGED, MALSAR }

  public SolverOptions {
    if (mode == null) throw new IllegalArgumentException("mode: expected converged or malsar");
    if (!(tolerance > 0)) throw new IllegalArgumentException("tol = " + tolerance + ": expected > 0");
    if (maxIterations < 1) throw new IllegalArgumentException("max-iter = " + maxIterations + ": expected >= 1");
    if (criterion == null) throw new IllegalArgumentException("criterion: expected kkt or gap");
  }

  /** Solved to a relative KKT residual of 1e-6 (School's RMSE is then stable to 1e-3), cap 200,000 iterations. */
  public static SolverOptions converged() {
    return new SolverOptions(Mode.CONVERGED, 1e-6, 200_000, 0, Fista.Criterion.KKT_RESIDUAL);
  }

  /** MALSAR-compatible: {@code opts.init = 0, opts.tFlag = 1, opts.tol = tol, opts.maxIter = maxIter}. */
  public static SolverOptions malsar(double tol, int maxIter, long seed) {
    return new SolverOptions(Mode.MALSAR, tol, maxIter, seed, Fista.Criterion.KKT_RESIDUAL);
  }

  public SolverOptions withTolerance(double tol) {
    return new SolverOptions(mode, tol, maxIterations, seed, criterion);
  }

  public SolverOptions withSeed(long newSeed) {
    return new SolverOptions(mode, tolerance, maxIterations, newSeed, criterion);
  }

  Fista.Options fista() {
    return Fista.Options.defaults().withTolerance(tolerance).withMaxIterations(maxIterations)
        .withCriterion(criterion);
  }
}
