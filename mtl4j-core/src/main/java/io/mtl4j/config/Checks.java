package io.mtl4j.config;

import java.util.Arrays;

/**
 * Argument checks for the compact constructors of {@code Options} records in every package. Each returns its value and
 * fails with {@code "<owner>: <name> = <value>, expected <what>"} ({@code "Adam.Options: beta1 = 1.0, expected a value
 * in [0, 1)"}), so a bad value reads the same wherever it was given.
 */
public final class Checks {
  private Checks() {}

  /** Finite and &gt; 0. */
  public static double positive(String owner, String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) throw fail(owner, name, value, "a finite value > 0");
    return value;
  }

  /** Finite and &ge; 0. */
  public static double nonNegative(String owner, String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) throw fail(owner, name, value, "a finite value >= 0");
    return value;
  }

  /** In [0, 1): a decay factor that must forget, a dropout rate. */
  public static double unitInterval(String owner, String name, double value) {
    if (!(value >= 0 && value < 1)) throw fail(owner, name, value, "a value in [0, 1)");
    return value;
  }

  /** In (0, 1]. */
  public static double fraction(String owner, String name, double value) {
    if (!(value > 0 && value <= 1)) throw fail(owner, name, value, "a value in (0, 1]");
    return value;
  }

  public static long atLeast(String owner, String name, long value, long min) {
    if (value < min) throw fail(owner, name, value, ">= " + min);
    return value;
  }

  public static int atLeast(String owner, String name, int value, int min) {
    if (value < min) throw fail(owner, name, value, ">= " + min);
    return value;
  }

  public static <T> T notNull(String owner, String name, T value) {
    if (value == null) throw new IllegalArgumentException(owner + ": " + name + " is missing");
    return value;
  }

  /** Layer widths: present, each &gt; 0 (an empty list is allowed: no hidden layer). */
  public static int[] layerSizes(String owner, String name, int[] sizes) {
    notNull(owner, name, sizes);
    for (int s : sizes) {
      if (s <= 0) throw fail(owner, name, Arrays.toString(sizes), "layer sizes > 0");
    }
    return sizes;
  }

  private static IllegalArgumentException fail(String owner, String name, Object value, String expected) {
    return new IllegalArgumentException(owner + ": " + name + " = " + value + ", expected " + expected);
  }
}
