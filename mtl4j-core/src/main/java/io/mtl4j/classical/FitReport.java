package io.mtl4j.classical;

/**
 * What a solver did.
 *
 * @param solver     e.g. {@code fista}, {@code malsar-apg}, {@code closed-form}, {@code alternating}, {@code libsvm}
 * @param iterations steps taken (outer steps for alternating schemes)
 * @param converged  the certificate held (FISTA), the tolerance test fired (MALSAR), or exact (closed form)
 * @param objective  the final objective value (NaN when not defined)
 * @param residual   final KKT residual, absolute (NaN when not measured)
 * @param gap        final duality gap (NaN when not measured)
 * @param seconds    wall time of the fit
 */
public record FitReport(String solver, int iterations, boolean converged, double objective, double residual,
                        double gap, double seconds) {
  static FitReport exact(String solver, double objective, double seconds) {
    return new FitReport(solver, 1, true, objective, 0, Double.NaN, seconds);
  }
}
