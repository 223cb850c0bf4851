package io.mtl4j.classical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every formulation solved by full-gradient steps fits from row sums ({@link Formulation#fit(RowSum)}) to the fit
 * from rows in memory: same iterations (cmtl: the same outer W/M alternations, its M and clusters), same objective
 * and weights up to the rounding of the sums (least squares sums residuals instead of Gram statistics), bit for bit
 * for the logistic loss; the others are refused, naming themselves.
 */
class RowSumFitTest {
  static Stream<Arguments> fullGradientFormulations() {
    List<Arguments> out = new ArrayList<>();
    for (long seed : new long[] {5, 6}) {
      out.add(Arguments.of("lasso", Map.of("lambda", 3.0), seed));
      out.add(Arguments.of("l21", Map.of("lambda", 6.0), seed));
      out.add(Arguments.of("trace", Map.of("lambda", 8.0), seed));
      out.add(Arguments.of("dirty", Map.of("rho1", 12.0, "rho2", 4.0), seed));
      out.add(Arguments.of("rmtfl", Map.of("rho1", 10.0, "rho2", 25.0), seed));
      out.add(Arguments.of("robust", Map.of("rho1", 8.0, "rho2", 15.0), seed));
      out.add(Arguments.of("srmtl", Map.of("rho1", 2.0, "rho2", 3.0, "graph", "chain"), seed));
      out.add(Arguments.of("mtrl", Map.of("lambda1", 0.5, "lambda2", 0.4), seed));
      out.add(Arguments.of("cmtl", Map.of("rho1", 4.0, "rho2", 1.0, "clusters", 2), seed));
      out.add(Arguments.of("l21", Map.of("lambda", 0.5, "loss", "logistic"), seed));
      out.add(Arguments.of("lasso", Map.of("lambda", 0.3, "loss", "logistic"), seed));
      out.add(Arguments.of("ridge", Map.of("lambda", 0.05, "loss", "logistic"), seed));
      out.add(Arguments.of("mean-regularized", Map.of("lambda1", 0.5, "lambda2", 0.1, "loss", "logistic"), seed));
      out.add(Arguments.of("cmtl", Map.of("rho1", 0.5, "rho2", 0.2, "clusters", 2, "loss", "logistic"), seed));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} seed {2}")
  @MethodSource("fullGradientFormulations")
  void fitsFromRowSumsAsFromRowsInMemory(String name, Map<String, Object> options, long seed) {
    boolean logistic = "logistic".equals(options.get("loss"));
    MultiTaskData data = logistic ? Problems.classification(seed, 3, 4, 25, 40)
        : Problems.regression(seed, 4, 5, 20, 40);
    Map<String, Object> opts = new LinkedHashMap<>(options);
    opts.put("tol", 1e-9);
    Formulation f = Formulations.create(name, opts);
    LinearMtlModel memory = (LinearMtlModel) f.fit(data);
    LinearMtlModel rows = (LinearMtlModel) f.fit(new LocalRowSum(data));
    assertThat(rows.report().solver()).isEqualTo(memory.report().solver())
        .isEqualTo("cmtl".equals(name) ? "alternating-fista" : "fista");
    assertThat(rows.report().iterations()).isEqualTo(memory.report().iterations());
    assertThat(rows.report().converged()).isEqualTo(memory.report().converged()).isTrue();
    assertThat(rows.report().objective()).isCloseTo(memory.report().objective(),
        within(1e-9 * Math.abs(memory.report().objective())));
    double[] expected = memory.weightMatrix().values();
    double[] actual = rows.weightMatrix().values();
    double scale = 1 + Problems.norm(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("W entry %d", i).isCloseTo(expected[i], within(1e-7 * scale));
    }
    assertThat(rows.parts().keySet()).isEqualTo(memory.parts().keySet());
    if ("cmtl".equals(name)) {
      assertThat(rows.parts().get("clusters").values()).as("clusters read from M")
          .containsExactly(memory.parts().get("clusters").values());
      double[] m = memory.parts().get("M").values();
      double[] mRows = rows.parts().get("M").values();
      for (int i = 0; i < m.length; i++) assertThat(mRows[i]).as("M entry %d", i).isCloseTo(m[i], within(1e-7));
    }
    if (logistic) assertThat(actual).as("one pass per task adds as LogisticLoss does").containsExactly(expected);
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("gomtl", Map.of(), "formulation 'gomtl' is not solved by full-gradient (FISTA) steps"),
        Arguments.of("mt-svm", Map.of(), "formulation 'mt-svm' is not solved by full-gradient (FISTA) steps"),
        Arguments.of("pooled", Map.of(), "formulation 'pooled' is not solved by full-gradient (FISTA) steps"),
        Arguments.of("ridge", Map.of(), "formulation 'ridge' with loss least-squares is solved in closed form"),
        Arguments.of("mean-regularized", Map.of(), "formulation 'mean-regularized' with loss least-squares is solved "
            + "in closed form"),
        Arguments.of("l21", Map.of("mode", "malsar"), "formulation 'l21': mode = malsar"),
        Arguments.of("lasso", Map.of("criterion", "gap"), "formulation 'lasso': criterion = gap"),
        Arguments.of("cmtl", Map.of("criterion", "gap"), "formulation 'cmtl': criterion = gap"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("refusals")
  void refusesWhatIsNotSolvedByFullGradientStepsNamingIt(String name, Map<String, Object> options, String message) {
    Formulation f = Formulations.create(name, options);
    RowSum rows = new LocalRowSum(Problems.regression(1, 3, 4, 10, 20));
    assertThatThrownBy(() -> f.fit(rows)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message)
        .hasMessageContaining("--engine spark");
  }
}
