/**
 * Solvers of the classical formulations: certified accelerated proximal gradient ({@link
 * io.mtl4j.classical.solver.Fista}), MALSAR's own loops for compatibility ({@link
 * io.mtl4j.classical.solver.MalsarApg}) and exact proximal operators ({@link io.mtl4j.classical.solver.Prox}); the
 * dense decompositions they need come from {@link io.mtl4j.linalg.Linalg}, their only mtl4j dependency. Used by
 * {@code classical}, which they do not know.
 */
package io.mtl4j.classical.solver;
