package io.mtl4j.weighting;

import io.mtl4j.testkit.GoldenCases;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Golden steps whose expected values came from a solve that did not reach its own problem's solution, recognised
 * by the condition (never by case name), so that any such step, public or not, is treated the same way:
 * <ul>
 *   <li>a solver status recorded as inaccurate (ECOS's {@code optimal_inaccurate}: it hit its limits, and where it
 *       stops is decided by its interior-point path, not by the problem; Nash-MTL on x1000 gradients);</li>
 *   <li>CAGrad weights that are not a KKT point of CAGrad's dual ({@link CAGradDual}): scipy's SLSQP stopped short
 *       (on x1000 gradients its QP steps are rounding noise and it often stops at the start point 1/T).</li>
 * </ul>
 */
final class InaccurateReference {
  private InaccurateReference() {}

  /** Why the step's reference is not a converged solution, or empty when it is. */
  static Optional<String> reason(String method, GoldenCases.Case c, GoldenCases.Step s) {
    Optional<String> status = inaccurateStatus(s.expected().extra());
    if (status.isPresent() || !method.equals("CAGrad") || s.expected().weights() == null) {
      return status;
    }
    double[][] gram = io.mtl4j.weighting.solver.Gram.of(s.grads()[0]);
    double radius = CAGradDual.radius(gram, ((Number) c.params().get("calpha")).doubleValue());
    double[] w = s.expected().weights();
    if (CAGradDual.isKktPoint(gram, radius, w)) {
      return Optional.empty();
    }
    return Optional.of(String.format("reference weights are not a KKT point of the CAGrad dual "
        + "(Frank-Wolfe gap %.3g > %.3g): the reference SLSQP stopped short",
        CAGradDual.gap(gram, radius, w), CAGradDual.allowedGap(gram, radius, w)));
  }

  private static Optional<String> inaccurateStatus(JsonNode extra) {
    if (extra == null || !extra.path("solver").has("statuses")) {
      return Optional.empty();
    }
    int inaccurate = 0;
    int solves = 0;
    for (JsonNode status : extra.path("solver").path("statuses").values()) {
      solves++;
      if (status.asString().endsWith("_inaccurate")) {
        inaccurate++;
      }
    }
    return inaccurate == 0 ? Optional.empty()
        : Optional.of(inaccurate + " of " + solves + " solves of the reference ended inaccurate");
  }
}
