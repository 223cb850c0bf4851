package io.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TableTest {
  /** A random cell: a missing one, one of a few categories, or a number (mostly new, sometimes repeated). */
  private static String cell(SplittableRandom random, List<String> seen) {
    return switch (random.nextInt(6)) {
      case 0 -> null;
      case 1 -> "k" + random.nextInt(5);
      case 2 -> seen.isEmpty() ? "" : seen.get(random.nextInt(seen.size()));
      default -> Double.toString(Math.round(random.nextGaussian() * 1e4) / 1e4);
    };
  }

  @ParameterizedTest(name = "seed {0}, {1} rows")
  @CsvSource({"1, 10", "2, 1000", "3, 40000"})
  void codesEachDistinctValueOnceInFirstSeenOrder(long seed, int rows) {
    SplittableRandom random = new SplittableRandom(seed);
    Table table = new Table("mem.csv", List.of("a", "b"), 4);
    List<String> seen = new ArrayList<>();
    List<String[]> added = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      String[] cells = {cell(random, seen), cell(random, seen)};
      for (String c : cells) if (c != null) seen.add(c);
      table.add(cells, r + 2);
      added.add(cells);
    }
    for (int col = 0; col < 2; col++) {
      // The reference: a map from each value to the number of distinct values before its first row.
      Map<String, Integer> first = new HashMap<>();
      List<String> order = new ArrayList<>();
      for (int r = 0; r < rows; r++) {
        String c = added.get(r)[col];
        if (c == null) {
          assertThat(table.code(col, r)).isEqualTo(Table.MISSING);
          continue;
        }
        if (first.putIfAbsent(c, order.size()) == null) order.add(c);
        assertThat(table.code(col, r)).as("row %d", r).isEqualTo(first.get(c));
      }
      assertThat(table.values(col)).isEqualTo(order);
    }
  }
}
