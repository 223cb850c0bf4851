package io.mtl4j.classical;

/** Argument checks for the Options records: messages name the parameter, the value and what is allowed. */
final class Checks {
  private Checks() {}

  static double nonNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " = " + value + ": expected a finite value >= 0");
    }
    return value;
  }

  static double positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " = " + value + ": expected a finite value > 0");
    }
    return value;
  }

  static int atLeast(String name, int value, int min) {
    if (value < min) throw new IllegalArgumentException(name + " = " + value + ": expected >= " + min);
    return value;
  }

  static <T> T notNull(String name, T value) {
    if (value == null) throw new IllegalArgumentException(name + ": must not be null");
    return value;
  }
}
