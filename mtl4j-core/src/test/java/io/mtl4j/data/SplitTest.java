package io.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SplitTest {
  private static Table table(int n) {
    Table t = new Table("s.csv", List.of("y", "g", "part"));
    for (int i = 0; i < n; i++) {
      t.add(new String[] {i % 10 == 0 ? "1" : "0", "g" + (i % 17), i % 5 == 0 ? "test" : i % 5 == 1 ? "valid" : "train"}, i + 2);
    }
    return t;
  }

  private static void assertPartition(Split s, int n) {
    int[] all = IntStream.concat(IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.valid())), Arrays.stream(s.test()))
        .sorted().toArray();
    assertThat(all).containsExactly(IntStream.range(0, n).toArray());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void randomSplitIsAPartitionWithTheFractionsAndRepeatsForASeed(long seed) {
    Table t = table(1000);
    Split s = Split.of(t, Split.Options.random(0.2, 0.2), seed);
    assertPartition(s, 1000);
    assertThat(s.test()).hasSize(200);
    assertThat(s.valid()).hasSize(200);
    assertThat(Split.of(t, Split.Options.random(0.2, 0.2), seed).test()).containsExactly(s.test());
    assertThat(Split.of(t, Split.Options.random(0.2, 0.2), seed + 100).test()).isNotEqualTo(s.test());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void stratifiedSplitKeepsTheLabelRate(long seed) {
    Table t = table(1000);
    Split s = Split.of(t, new Split.Options("stratified", 0.2, 0.2, "y", 0, 0), seed);
    assertPartition(s, 1000);
    int col = t.indexOf("y");
    long positives = Arrays.stream(s.test()).filter(r -> t.values(col).get(t.code(col, r)).equals("1")).count();
    assertThat(positives).isEqualTo(20);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void groupSplitKeepsGroupsTogether(long seed) {
    Table t = table(1000);
    Split s = Split.of(t, new Split.Options("group", 0.2, 0.2, "g", 0, 0), seed);
    assertPartition(s, 1000);
    int col = t.indexOf("g");
    Set<Integer> train = new HashSet<>(), test = new HashSet<>();
    for (int r : s.train()) train.add(t.code(col, r));
    for (int r : s.test()) test.add(t.code(col, r));
    train.retainAll(test);
    assertThat(train).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4})
  void kFoldTestPartsCoverEveryRowOnce(int fold) {
    Table t = table(103);
    Set<Integer> seen = new HashSet<>();
    for (int k = 0; k < 5; k++) {
      Split s = Split.of(t, new Split.Options("kfold", 0.1, 0, null, 5, k), 7);
      assertPartition(s, 103);
      for (int r : s.test()) assertThat(seen.add(r)).isTrue();
    }
    assertThat(seen).hasSize(103);
    assertThat(Split.of(t, new Split.Options("kfold", 0.1, 0, null, 5, fold), 7).test().length).isBetween(20, 21);
  }

  @ParameterizedTest
  @ValueSource(ints = {100})
  void givenColumnDecidesThePart(int n) {
    Split s = Split.of(table(n), new Split.Options("column", 0, 0, "part", 0, 0), 1);
    assertPartition(s, n);
    assertThat(s.test()).hasSize(20);
    assertThat(Arrays.stream(s.test()).allMatch(r -> r % 5 == 0)).isTrue();
    assertThat(Arrays.stream(s.valid()).allMatch(r -> r % 5 == 1)).isTrue();
  }
}
