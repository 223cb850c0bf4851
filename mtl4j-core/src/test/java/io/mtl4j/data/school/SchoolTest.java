package io.mtl4j.data.school;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Facts from ../shared/data/school/PROVENANCE.md, checked on the files (skipped when the data are absent). */
class SchoolTest {
  static Path dir() {
    return Path.of(System.getProperty("mtl4j.data.dir", Path.of("..", "..", "shared", "data").toString()))
        .resolve("school");
  }

  @BeforeAll
  static void needsData() {
    assumeTrue(School.available(dir()), "../shared/data/school absent (see its PROVENANCE.md): skipped");
  }

  @Test
  void loadsAll15362StudentsOf139SchoolsWithABiasColumn() {
    School.Part all = School.load(dir());
    assertThat(all.rows()).isEqualTo(15_362);
    assertThat(Arrays.stream(all.task()).distinct().count()).isEqualTo(139);
    assertThat(Arrays.stream(all.x()).allMatch(r -> r.length == 28 && r[27] == 1.0)).isTrue();
    assertThat(Arrays.stream(all.y()).min().getAsDouble()).isEqualTo(1);
    assertThat(Arrays.stream(all.y()).max().getAsDouble()).isEqualTo(70);
    assertThat(Arrays.stream(all.y()).average().getAsDouble()).isCloseTo(20.597, org.assertj.core.api.Assertions.within(5e-4));
  }

  @Test
  void everyCikmSplitHas11521TrainAnd3841TestRowsCoveringAllSchools() {
    for (int i = 1; i <= School.SPLITS; i += 9) {
      School.Split s = School.cikm2019Split(dir(), i);
      assertThat(s.index()).isEqualTo(i);
      assertThat(s.train().rows()).isEqualTo(11_521);
      assertThat(s.test().rows()).isEqualTo(3_841);
      assertThat(Arrays.stream(s.test().task()).distinct().count()).isEqualTo(139);
    }
  }
}
