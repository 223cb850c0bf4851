package io.mtl4j.classical;

import java.util.LinkedHashMap;
import java.util.Map;

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

  /** A JSON-ready map of the fields, in declaration order; {@link #fromMap} reads it back. */
  public Map<String, Object> toMap() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("solver", solver);
    r.put("iterations", iterations);
    r.put("converged", converged);
    r.put("objective", objective);
    r.put("residual", residual);
    r.put("gap", gap);
    r.put("seconds", seconds);
    return r;
  }

  /** The inverse of {@link #toMap}; a number may come back as any {@link Number} or as text ("NaN"). */
  public static FitReport fromMap(Map<String, ?> r) {
    return new FitReport((String) r.get("solver"), ((Number) r.get("iterations")).intValue(),
        (Boolean) r.get("converged"), number(r.get("objective")), number(r.get("residual")), number(r.get("gap")),
        number(r.get("seconds")));
  }

  private static double number(Object o) {
    return o == null ? Double.NaN : o instanceof Number n ? n.doubleValue() : Double.parseDouble(o.toString());
  }
}
