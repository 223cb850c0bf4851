package io.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mtl4j.data.read.CsvSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The census-income test file as the MMoE examples read it (skipped when ../shared/data is absent). */
class CensusDataTest {
  private static final Path DIR = Path.of(System.getProperty("mtl4j.data.dir", Path.of("..", "..", "shared", "data").toString()),
      "census-income-kdd");

  @Test
  void readsTheTestFileWithTheMmoeLabelsAndTheEducationCorrelation() {
    Path file = DIR.resolve("census-income.test.gz");
    assumeTrue(Files.isRegularFile(file), "census-income.test.gz not found under " + DIR + "; see shared/data/census-income-kdd/PROVENANCE.md");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 42; i++) names.add("c" + i);
    names.set(4, "education");
    names.set(7, "marital_stat");
    names.set(41, "income_50k");
    Table t = new CsvSource(CsvSource.Options.defaults().withColumns(names).withComment((char) 0)).read(file);
    assertThat(t.rows()).isEqualTo(99_762);
    List<LabelSpec> labels = List.of(
        new LabelSpec("income", "binary", List.of("income_50k"), List.of("50000+."), null),
        new LabelSpec("marital", "binary", List.of("marital_stat"), List.of("Never married"), null),
        new LabelSpec("education", "binary", List.of("education"), List.of("Bachelors degree(BA AB BS)",
            "Masters degree(MA MS MEng MEd MSW MBA)", "Doctorate degree(PhD EdD)", "Prof school degree (MD DDS DVM LLB JD)",
            "Associates degree-occup /vocational", "Associates degree-academic program"), null));
    Dataset d = Preprocessing.fit(t, Preprocessing.allRows(t), FeatureOptions.defaults(), labels).dataset(t, Preprocessing.allRows(t));
    assertThat(sum(d.labels("income").toArray())).isEqualTo(6_186);
    assertThat(sum(d.labels("marital").toArray())).isEqualTo(43_143);
    // PROVENANCE/issue: with both Associates degrees counted as college the label correlation is 0.2376.
    assertThat(pearson(d.labels("education").toArray(), d.labels("marital").toArray())).isCloseTo(0.2376, within(5e-4));
    assertThat(Set.copyOf(t.values(t.indexOf("marital_stat")))).contains("Never married");
  }

  private static double sum(float[] a) {
    double s = 0;
    for (float v : a) s += v;
    return s;
  }

  private static double pearson(float[] a, float[] b) {
    double ma = sum(a) / a.length, mb = sum(b) / b.length, sab = 0, saa = 0, sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return Math.abs(sab / Math.sqrt(saa * sbb));
  }
}
