package io.mtl4j.cli.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mtl4j.data.Dataset;
import io.mtl4j.encode.BagRows;
import io.mtl4j.data.read.MalsarNewsgroups;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The 20 Newsgroups study's data: each task's documents cut 60 / 20 / 20 as term-frequency bags. */
class NewsgroupsStudyTest {
  private static final Path DIR = Path.of(System.getProperty("mtl4j.data.dir",
      Path.of("..", "..", "shared", "data").toString())).resolve("malsar-20newsgroups");

  @ParameterizedTest
  @ValueSource(longs = {1, 7})
  void splitKeepsEveryDocumentOnceWithItsTermFrequenciesSummingToOne(long seed) {
    assumeTrue(Files.isDirectory(DIR), DIR + " absent (see its PROVENANCE.md): skipped");
    MalsarNewsgroups.Task task = MalsarNewsgroups.read(DIR, "comp.vs.sci").get(0);
    Dataset[] parts = NewsgroupsStudy.split(task, seed);
    int n = task.documents();
    assertThat(parts[0].rows()).isEqualTo(n * 3 / 5);
    assertThat(parts[1].rows()).isEqualTo(n / 5);
    assertThat(parts[0].rows() + parts[1].rows() + parts[2].rows()).isEqualTo(n);
    int terms = 0, positives = 0;
    for (Dataset part : parts) {
      BagRows bag = (BagRows) part.groups().group("terms");
      terms += bag.ids().ids().length;
      for (int i = 0; i < bag.rows(); i++) {
        double sum = 0;
        for (int k = bag.ids().offsets()[i]; k < bag.ids().offsets()[i + 1]; k++) sum += bag.weights()[k];
        if (bag.ids().offsets()[i + 1] > bag.ids().offsets()[i]) assertThat(sum).isCloseTo(1, org.assertj.core.api.Assertions.offset(1e-5));
      }
      float[] y = part.labels(task.name()).toArray();
      for (float v : y) positives += (int) v;
    }
    assertThat(terms).isEqualTo(task.terms().length);
    int expected = 0;
    for (int l : task.labels()) expected += l;
    assertThat(positives).isEqualTo(expected);
  }
}
