package io.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumberTextTest {
  /** What the cell parsed as before: {@code parseDouble}'s value when finite, else NaN. */
  private static double reference(String text) {
    try {
      double x = Double.parseDouble(text);
      return Double.isFinite(x) ? x : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static void assertSameBits(String text) {
    assertThat(Double.doubleToRawLongBits(NumberText.finiteOrNaN(text))).as("'%s'", text)
        .isEqualTo(Double.doubleToRawLongBits(reference(text)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "+", "-", ".", "-.", "+.", "1.2.3", "--1", "+-1", "abc", "k3", "a", " 1.5", "1.5 ",
      "\t2", "1e5", "1E-3", "-2.5e+10", "0x1p3", "0X1.8P1", "NaN", "-NaN", "Infinity", "-Infinity", "+Infinity", "1f",
      "2d", "3.5F", "0", "-0", "+0", "-0.0", "0.", ".5", "-.5", "007", "1,5", "١", "9007199254740993",
      "999999999999999", "1000000000000000", "999999999999999.9", "0.1234567890123456789012", "0.12345678901234567890123",
      "1e400", "-1e400", "4.9e-324", "1e-400", "123456789012345678901234567890", "0.000000000000000000000001"})
  void agreesWithParseDoubleOnEdgeCasesAndNonNumbers(String text) {
    assertSameBits(text);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void agreesWithParseDoubleBitForBitOnRandomDecimals(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 20_000; i++) {
      double x = random.nextGaussian() * Math.pow(10, random.nextInt(-8, 12));
      String text = switch (random.nextInt(5)) {
        case 0 -> String.format(Locale.ROOT, "%." + random.nextInt(0, 24) + "f", x);
        case 1 -> Double.toString(x);
        case 2 -> digits(random);
        case 3 -> Long.toString(random.nextLong());
        default -> Double.toString(Double.longBitsToDouble(random.nextLong()));
      };
      assertSameBits(text);
      assertSameBits("+" + text);
    }
  }

  /** Up to 25 random digits with a point anywhere (or none), an optional sign and leading zeros. */
  private static String digits(SplittableRandom random) {
    StringBuilder s = new StringBuilder(random.nextBoolean() ? "-" : "");
    int n = random.nextInt(1, 26), point = random.nextInt(-1, n + 1);
    for (int i = 0; i < n; i++) {
      if (i == point) s.append('.');
      s.append((char) ('0' + (random.nextInt(4) == 0 ? 0 : random.nextInt(10))));
    }
    if (point == n) s.append('.');
    return s.toString();
  }
}
