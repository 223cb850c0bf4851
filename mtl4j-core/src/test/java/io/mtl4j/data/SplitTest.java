package io.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
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

  /** The groups (codes of column g) that each part holds; no group may be in two parts. */
  private static void assertGroupsApart(Table t, Split s) {
    int col = t.indexOf("g");
    List<Set<Integer>> parts = List.of(new HashSet<>(), new HashSet<>(), new HashSet<>());
    int[][] rows = {s.train(), s.valid(), s.test()};
    for (int p = 0; p < 3; p++) for (int r : rows[p]) parts.get(p).add(t.code(col, r));
    for (int p = 0; p < 3; p++) {
      for (int q = p + 1; q < 3; q++) {
        Set<Integer> shared = new HashSet<>(parts.get(p));
        shared.retainAll(parts.get(q));
        assertThat(shared).as("groups in parts %d and %d", p, q).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4})
  void groupedKFoldMakesFoldsOfWholeGroups(int fold) {
    Table t = table(170);
    Set<Integer> testGroups = new HashSet<>();
    int col = t.indexOf("g");
    for (int k = 0; k < 5; k++) {
      Split s = Split.of(t, new Split.Options("kfold", 0.25, 0, "g", 5, k), 7);
      assertPartition(s, 170);
      assertGroupsApart(t, s);
      assertThat(s.valid()).isNotEmpty();
      for (int g : Arrays.stream(s.test()).map(r -> t.code(col, r)).distinct().toArray()) {
        assertThat(testGroups.add(g)).as("group %d in two test folds", g).isTrue();
      }
    }
    assertThat(testGroups).hasSize(17);
    Split s = Split.of(t, new Split.Options("kfold", 0.25, 0, "g", 5, fold), 7);
    assertThat(Arrays.stream(s.test()).map(r -> t.code(col, r)).distinct().count()).isBetween(3L, 4L);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void groupCarvedValidationTakesWholeGroupsOfTheTrainingRowsOnly(long seed) {
    // Rows 0..149 (the training file) hold groups g0..g14, rows 150..169 (the test file) groups t0 and t1.
    Table t = new Table("s.csv", List.of("y", "g", "part"));
    for (int r = 0; r < 170; r++) t.add(new String[] {"0", r < 150 ? "g" + (r % 15) : "t" + (r % 2), "train"}, r + 2);
    Split files = new Split(IntStream.range(0, 150).toArray(), new int[0], IntStream.range(150, 170).toArray());
    Split s = Split.carveValidation(t, files, new Split.Options("group", 0.2, 0.2, "g", 0, 0), seed);
    assertPartition(s, 170);
    assertGroupsApart(t, s);
    assertThat(s.test()).containsExactly(files.test());
    assertThat(s.valid()).isNotEmpty();
    assertThat(s.valid().length % 10).as("whole groups of 10 rows").isZero();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void stratifiedCarvedValidationKeepsTheLabelRate(long seed) {
    Table t = table(1000);
    Split files = new Split(IntStream.range(0, 800).toArray(), new int[0], IntStream.range(800, 1000).toArray());
    Split s = Split.carveValidation(t, files, new Split.Options("stratified", 0.25, 0.2, "y", 0, 0), seed);
    int col = t.indexOf("y");
    long positives = Arrays.stream(s.valid()).filter(r -> t.values(col).get(t.code(col, r)).equals("1")).count();
    assertThat(s.valid()).hasSize(200);
    assertThat(positives).isEqualTo(20);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void randomCarvedValidationIsTheSeededShuffleOfTheTrainingRows(long seed) {
    Table t = table(100);
    int[] train = IntStream.range(0, 80).toArray();
    Split s = Split.carveValidation(t, new Split(train, new int[0], IntStream.range(80, 100).toArray()),
        Split.Options.random(0.2, 0.2), seed);
    // The shuffle that train/compare used before splits knew about groups: model files stay bit-identical.
    int[] rows = train.clone();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = rows.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1), x = rows[i];
      rows[i] = rows[j];
      rows[j] = x;
    }
    int[] valid = Arrays.copyOf(rows, 16);
    Arrays.sort(valid);
    assertThat(s.valid()).containsExactly(valid);
    assertPartition(s, 100);
  }

  @ParameterizedTest
  @ValueSource(strings = {"group", "stratified", "column"})
  void unknownColumnNamesTheKeyAndTheColumns(String method) {
    Table t = table(50);
    Split.Options o = new Split.Options(method, 0.2, 0.2, "nosuchcol", 0, 0);
    Split files = new Split(IntStream.range(0, 40).toArray(), new int[0], IntStream.range(40, 50).toArray());
    for (ThrowingCallable call : List.<ThrowingCallable>of(
        () -> Split.of(t, o, 1), () -> Split.carveValidation(t, files, o, 1), () -> Split.requireColumnHonoured(t, files, o))) {
      assertThatThrownBy(call).isInstanceOf(DataFormatException.class)
          .hasMessageContaining("data.split.column").hasMessageContaining("'nosuchcol'").hasMessageContaining("[y, g, part]");
    }
  }

  @Test
  void groupInTheTrainingAndTheTestFileIsAnError() {
    Table t = table(50);
    Split files = new Split(IntStream.range(0, 40).toArray(), new int[0], IntStream.range(40, 50).toArray());
    Split.Options o = new Split.Options("group", 0.2, 0, "g", 0, 0);
    assertThatThrownBy(() -> Split.carveValidation(t, files, o, 1))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("group 'g6'").hasMessageContaining("test");
    assertThatThrownBy(() -> Split.requireColumnHonoured(t, files, o))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("in both the training and the test rows");
  }

  @Test
  void refusesAColumnThatARandomSplitWouldIgnore() {
    assertThatThrownBy(() -> new Split.Options("random", 0.2, 0.2, "g", 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not use split.column 'g'");
  }

  @Test
  void refusesKFoldWhenFilesFixTheParts() {
    Table t = table(50);
    Split files = new Split(IntStream.range(0, 40).toArray(), new int[0], IntStream.range(40, 50).toArray());
    assertThatThrownBy(() -> Split.carveValidation(t, files,
        new Split.Options("kfold", 0.2, 0, "g", 5, 0), 1)).hasMessageContaining("kfold makes its own test fold");
  }

  @ParameterizedTest
  @ValueSource(strings = {"random", "stratified", "group", "kfold"})
  void splittingSomeRowsIsSplittingATableOfThoseRows(String method) {
    Table t = table(300);
    int[] rows = IntStream.range(0, 300).filter(r -> r % 3 != 0).toArray();
    Table own = new Table("s.csv", t.names());
    for (int r : rows) own.add(new String[] {t.values(0).get(t.code(0, r)), t.values(1).get(t.code(1, r)),
        t.values(2).get(t.code(2, r))}, r + 2);
    Split.Options o = new Split.Options(method, 0.2, method.equals("kfold") ? 0 : 0.2,
        method.equals("random") || method.equals("kfold") ? null : method.equals("group") ? "g" : "y", 4, 1);
    Split local = Split.of(own, o, 5), some = Split.of(t, rows, o, 5);
    assertThat(some.test()).containsExactly(Arrays.stream(local.test()).map(i -> rows[i]).toArray());
    assertThat(some.valid()).containsExactly(Arrays.stream(local.valid()).map(i -> rows[i]).toArray());
  }
}
