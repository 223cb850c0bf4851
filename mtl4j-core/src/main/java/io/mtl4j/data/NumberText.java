package io.mtl4j.data;

/**
 * The finite number a cell's text holds, bit for bit what {@link Double#parseDouble} gives, without its cost on the
 * two common cases of a large file: plain decimals ({@code -12.345678}) and text that is plainly not a number.
 * Parsing is most of a streamed epoch, and {@code parseDouble} builds a {@link NumberFormatException} for every
 * category it is asked about.
 */
final class NumberText {
  /** 10^k for k ≤ 22: every one exact in a double. */
  private static final double[] POWERS = new double[23];
  /** Digits up to 15 significant ones: where {@code parseDouble} itself takes the fast path below. */
  private static final long DIGITS = 1_000_000_000_000_000L;

  static {
    POWERS[0] = 1;
    for (int k = 1; k < POWERS.length; k++) POWERS[k] = POWERS[k - 1] * 10;
  }

  private NumberText() {}

  /** The finite number {@code text} holds, else NaN (not a number, NaN or an infinity). */
  static double finiteOrNaN(String text) {
    if (text.isEmpty() || cannotStartANumber(text.charAt(0))) return Double.NaN;
    double x = plainDecimal(text);
    if (Double.isNaN(x)) x = parsed(text);
    return Double.isFinite(x) ? x : Double.NaN;
  }

  /**
   * Whether no text starting with {@code c} parses: {@code parseDouble} takes a sign, a digit, a point, "Infinity",
   * "NaN", or leading white space it strips.
   */
  private static boolean cannotStartANumber(char c) {
    return c > ' ' && c != '+' && c != '-' && c != '.' && (c < '0' || c > '9') && c != 'I' && c != 'N';
  }

  /**
   * {@code [sign] digits [. digits]} with at most 15 significant digits and at most 22 after the point: the digits
   * and the power of ten are exact doubles, so one correctly rounded division is the correctly rounded value
   * (Clinger's fast path, which {@code parseDouble} takes for these too). NaN for any other text.
   */
  private static double plainDecimal(String text) {
    int i = 0, n = text.length();
    boolean negative = text.charAt(0) == '-';
    if (negative || text.charAt(0) == '+') i++;
    long digits = 0;
    int decimals = -1, count = 0; // decimals: digits after the point, -1 before it
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits = digits * 10 + (c - '0');
        if (digits >= DIGITS) return Double.NaN;
        count++;
        if (decimals >= 0) decimals++;
      } else if (c == '.' && decimals < 0) {
        decimals = 0;
      } else {
        return Double.NaN;
      }
    }
    if (count == 0 || decimals >= POWERS.length) return Double.NaN;
    double x = decimals > 0 ? digits / POWERS[decimals] : digits;
    return negative ? -x : x;
  }

  private static double parsed(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
