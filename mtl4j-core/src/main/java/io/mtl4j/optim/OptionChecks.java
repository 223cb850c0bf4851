package io.mtl4j.optim;

/** Validation for the compact constructors of this package's option records; messages name owner, parameter, value. */
final class OptionChecks {
  private OptionChecks() {}

  static void positive(String owner, String parameter, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw fail(owner, parameter, value, "a finite value > 0");
    }
  }

  static void nonNegative(String owner, String parameter, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw fail(owner, parameter, value, "a finite value >= 0");
    }
  }

  /** {@code value} in [0, 1): a decay factor that must forget. */
  static void unitInterval(String owner, String parameter, double value) {
    if (!(value >= 0 && value < 1)) {
      throw fail(owner, parameter, value, "a value in [0, 1)");
    }
  }

  /** {@code value} in (0, 1]. */
  static void fraction(String owner, String parameter, double value) {
    if (!(value > 0 && value <= 1)) {
      throw fail(owner, parameter, value, "a value in (0, 1]");
    }
  }

  static void atLeast(String owner, String parameter, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(owner + ": " + parameter + " = " + value + ", expected >= " + min);
    }
  }

  private static IllegalArgumentException fail(String owner, String parameter, double value, String expected) {
    return new IllegalArgumentException(owner + ": " + parameter + " = " + value + ", expected " + expected);
  }
}
