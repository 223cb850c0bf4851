/**
 * Task weighting and gradient surgery: turns per-task losses (and, on request, per-task gradients) into one update
 * of the shared parameters, numerically faithful to LibMTL. Depends on {@code weighting.solver}, {@code linalg} and
 * {@code config}, never on {@code train} (the trainer calls it through {@link io.mtl4j.weighting.Weighting}).
 * To add a method: add a class here implementing
 * {@link io.mtl4j.weighting.Weighting}, its test, and one line in {@link io.mtl4j.weighting.Weightings}.
 */
package io.mtl4j.weighting;
