/**
 * Solvers of the classical formulations: certified accelerated proximal gradient ({@link
 * io.mtl4j.classical.solver.Fista}), MALSAR's own loops for compatibility ({@link
 * io.mtl4j.classical.solver.MalsarApg}), exact proximal operators ({@link io.mtl4j.classical.solver.Prox}) and
 * the dense decompositions over ojAlgo ({@link io.mtl4j.classical.solver.Linalg}).
 */
package io.mtl4j.classical.solver;
