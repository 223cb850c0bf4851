package io.mtl4j.data;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * The finite number a cell's text holds, bit for bit what {@link Double#parseDouble} gives, without its cost on the
 * two common cases of a large file: numbers, parsed by FastDoubleParser (the same syntax and the same correctly
 * rounded value, several times faster), and text that is plainly not a number, refused by its first character.
 * Parsing is most of a streamed epoch, and either parser builds a {@link NumberFormatException} for every category it
 * is asked about.
 */
final class NumberText {
  private NumberText() {}

  /** The finite number {@code text} holds, else NaN (not a number, NaN or an infinity). */
  static double finiteOrNaN(String text) {
    if (text.isEmpty() || cannotStartANumber(text.charAt(0))) return Double.NaN;
    double x;
    try {
      x = JavaDoubleParser.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
    return Double.isFinite(x) ? x : Double.NaN;
  }

  /**
   * Whether no text starting with {@code c} parses: {@code parseDouble} takes a sign, a digit, a point, "Infinity",
   * "NaN", or leading white space it strips.
   */
  private static boolean cannotStartANumber(char c) {
    return c > ' ' && c != '+' && c != '-' && c != '.' && (c < '0' || c > '9') && c != 'I' && c != 'N';
  }
}
