package io.mtl4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Column lists with numbered ranges: {@code pixel0..pixel783} stands for pixel0, pixel1, …, pixel783. */
final class ColumnRanges {
  private static final Pattern RANGE = Pattern.compile("(.*?)(\\d+)\\.\\.(.*?)(\\d+)");
  /** More columns than any image a model file may declare (ImageEncoder's bound): a typo cannot exhaust memory. */
  private static final int MAX = 1 << 24;

  private ColumnRanges() {}

  /** {@code columns} with each range expanded, in order; {@code where} names the key in messages. */
  static List<String> expand(String where, List<String> columns) {
    if (columns == null) return null;
    List<String> out = new ArrayList<>();
    for (String c : columns) {
      Matcher m = RANGE.matcher(c);
      if (!m.matches()) {
        out.add(c);
        continue;
      }
      long from = Long.parseLong(m.group(2)), to = Long.parseLong(m.group(4));
      if (!m.group(1).equals(m.group(3)) || to < from || to - from >= MAX) {
        throw new IllegalArgumentException(where + ": '" + c + "' is not a range such as pixel0..pixel783 (the same "
            + "prefix on both sides, first ≤ last, at most " + MAX + " columns)");
      }
      for (long i = from; i <= to; i++) out.add(m.group(1) + i);
    }
    return out;
  }
}
