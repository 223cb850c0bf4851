/**
 * Small numerical solvers shared by the gradient weightings: the min-norm point of a convex hull (MGDA), Kraft's
 * SLSQP (CAGrad; with its phases QuasiNewton, MeritLineSearch and SlsqpEvaluator), bound-constrained QPs (UPGrad)
 * and the Nash-MTL / FairGrad fixed-point equations. Each works on a [T, T] Gram matrix, so they are tuned for a
 * handful of tasks, not for large problems. Depends only on {@code linalg}; used by {@code weighting}.
 */
package io.mtl4j.weighting.solver;
