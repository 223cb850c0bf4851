package io.mtl4j.cli.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ESMM's acceptance: over all impressions its CVR estimate is less biased than a CVR model of clicked rows. */
class EsmmStudyTest {
  @Test
  void esmmCvrIsLessBiasedOverAllImpressionsThanACvrModelOfClickedRows() {
    List<EsmmStudy.Result> results = new ArrayList<>();
    for (int seed = 1; seed <= 3; seed++) results.add(EsmmStudy.run(seed, 60_000, 4));
    double esmm = 0, naive = 0;
    for (EsmmStudy.Result r : results) {
      esmm += Math.abs(r.esmm() - r.truth());
      naive += Math.abs(r.clickedOnly() - r.truth());
      assertThat(r.clickedOnly()).as("the planted selection bias: clicked rows convert more").isGreaterThan(r.truth());
    }
    assertThat(esmm).as(EsmmStudy.table(results)).isLessThan(naive);
  }

  @Test
  void tableGivesEachSeedsBiasAndTheMeanAbsoluteBias() {
    String table = EsmmStudy.table(List.of(new EsmmStudy.Result(1, 0.20, 0.25, 0.30),
        new EsmmStudy.Result(2, 0.10, 0.05, 0.20)));
    assertThat(table.lines().toList()).containsExactly(
        "| seed | true CVR | ESMM | bias | clicked-rows model | bias |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
        "| 1 | 0.2000 | 0.2500 | +0.0500 | 0.3000 | +0.1000 |",
        "| 2 | 0.1000 | 0.0500 | -0.0500 | 0.2000 | +0.1000 |",
        "| **mean abs bias** | | | 0.0500 | | 0.1000 |");
  }
}
