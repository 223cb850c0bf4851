package io.mtl4j.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/** Checks, in the metric records' compact constructors, that a metric applies to a label kind. */
final class MetricKinds {
  private MetricKinds() {}

  static void require(String metric, LabelKind kind, LabelKind... allowed) {
    Objects.requireNonNull(kind, "kind");
    if (!Arrays.asList(allowed).contains(kind)) {
      throw new IllegalArgumentException(String.format("%s does not apply to %s labels; it needs %s", metric,
          kind.label(), Arrays.toString(allowed).toLowerCase(Locale.ROOT)));
    }
  }

  static void requireAveraging(String metric, LabelKind kind, Averaging averaging) {
    if (averaging == Averaging.POSITIVE && kind != LabelKind.BINARY) {
      throw new IllegalArgumentException(String.format(
          "%s: positive-class averaging needs binary labels, got %s; use MACRO or MICRO", metric, kind.label()));
    }
  }

  static String averagedName(String base, Averaging averaging) {
    return averaging == Averaging.POSITIVE ? base : base + "-" + averaging.name().toLowerCase(Locale.ROOT);
  }
}
