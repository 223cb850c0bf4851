/**
 * Classical (convex, linear) multi-task learning: MALSAR's family of regularised formulations, the shared-kernel
 * multi-task SVM and the GO-MTL latent basis, each one class named as in its paper with a validated
 * {@code Options} record, built by name through {@link io.mtl4j.classical.Formulations}, fitted and scored on
 * {@link io.mtl4j.classical.TrainTestSplit}s. Running a comparison of several models over splits is the CLI's
 * ({@code io.mtl4j.cli.run.ClassicalComparison}), not core's.
 *
 * <p>Objectives use MALSAR's scaling (losses summed over rows) so λ means what it means in MALSAR. Two solving
 * modes: {@code converged} (certified FISTA: KKT residual or duality gap) and {@code malsar} (MALSAR's start and
 * stopping rule, for results that match MATLAB runs — which stop far from the optimum on School).
 *
 * <p>The FISTA-solved formulations reach their rows through sums ({@link io.mtl4j.classical.RowSum}) when fitted by
 * {@code fit(RowSum)}, so a cluster engine ({@link io.mtl4j.classical.ClassicalEngine}, mtl4j-spark's) can hold the
 * rows while the solver runs here.
 *
 * <p>Depends on {@code classical.solver}, {@code linalg} and {@code data.school}; {@code io} (classical model
 * files) and the CLI depend on it, never the deep-learning packages.
 *
 * <p>To add a formulation: add a class here, its test, and one line in {@code Formulations}.
 */
package io.mtl4j.classical;
