package io.mtl4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptionBinderTest {
  enum Mode { FAST, VERY_SLOW }

  record Options(double rate, int maxIter, boolean verbose, Mode mode, int[] hidden) {
    static final Options DEFAULTS = new Options(0.5, 10, false, Mode.FAST, new int[] {4});

    Options {
      Checks.positive("Options", "rate", rate);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"maxIter", "max-iter", "max_iter", "MAXITER", " Max-Iter "})
  void matchesKeysIgnoringCaseHyphensAndUnderscores(String key) {
    Options o = OptionBinder.bind("solver", Options.class, Options.DEFAULTS, Map.of(key, 25));
    assertThat(o.maxIter()).isEqualTo(25);
    assertThat(o.rate()).isEqualTo(0.5);
  }

  @Test
  void bindsEveryComponentTypeFromYamlLikeValues() {
    Options o = OptionBinder.bind("solver", Options.class, Options.DEFAULTS,
        Map.of("rate", "0.25", "verbose", "true", "mode", "very-slow", "hidden", List.of(8, 2)));
    assertThat(o.rate()).isEqualTo(0.25);
    assertThat(o.verbose()).isTrue();
    assertThat(o.mode()).isEqualTo(Mode.VERY_SLOW);
    assertThat(o.hidden()).containsExactly(8, 2);
    assertThat(OptionBinder.toMap(o)).containsEntry("mode", "very-slow").containsEntry("hidden", List.of(8, 2));
  }

  @Test
  void rejectsAnUnknownKeyNamingThePathAndTheKnownKeys() {
    assertThatThrownBy(() -> OptionBinder.bind("weighting.options", Options.class, Options.DEFAULTS,
        Map.of("maxIters", 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("weighting.options: unknown option 'maxIters'; known: [hidden, maxIter, mode, rate, verbose]");
  }

  @Test
  void rejectsAWronglyTypedValueNamingTheKeyPathValueAndExpectation() {
    assertThatThrownBy(() -> OptionBinder.bind("optimizer.options", Options.class, Options.DEFAULTS,
        Map.of("maxIter", 2.5)))
        .hasMessage("optimizer.options.maxIter = 2.5: expected an integer");
    assertThatThrownBy(() -> OptionBinder.bind("optimizer.options", Options.class, Options.DEFAULTS,
        Map.of("rate", "fast")))
        .hasMessage("optimizer.options.rate = 'fast': expected a number");
    assertThatThrownBy(() -> OptionBinder.bind("x", Options.class, Options.DEFAULTS, Map.of("verbose", "yes")))
        .hasMessage("x.verbose = 'yes': expected true or false");
    assertThatThrownBy(() -> OptionBinder.bind("x", Options.class, Options.DEFAULTS, Map.of("mode", "slow")))
        .hasMessage("x.mode = 'slow': expected one of [fast, very_slow]");
  }

  @Test
  void prefixesTheRecordsOwnValidationWithThePath() {
    assertThatThrownBy(() -> OptionBinder.bind("training.x", Options.class, Options.DEFAULTS, Map.of("rate", -1)))
        .hasMessage("training.x: Options: rate = -1.0, expected a finite value > 0")
        .hasCauseInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsTwoSpellingsOfOneKey() {
    Map<String, Object> both = new LinkedHashMap<>();
    both.put("max-iter", 1);
    both.put("maxIter", 2);
    assertThatThrownBy(() -> new OptionBinder("solver", both))
        .hasMessage("solver: option 'maxIter' given twice (as 'max-iter' too)");
  }

  @Test
  void typedLookupsRequireEveryGivenKeyToBeRead() {
    OptionBinder b = new OptionBinder("formulation 'l21'", Map.of("rho1", 3, "tol", "1e-6", "mode", "malsar"));
    assertThat(b.number(List.of("lambda", "rho1"), 1)).isEqualTo(3);
    assertThat(b.number("tol", 1e-4)).isEqualTo(1e-6);
    assertThat(b.integer("max-iter", 1000)).isEqualTo(1000);
    assertThatThrownBy(b::requireAllUsed)
        .hasMessage("formulation 'l21': unknown option 'mode'; known: [lambda, max-iter, rho1, tol]");
    assertThat(b.text("mode", "converged")).isEqualTo("malsar");
    b.requireAllUsed();
  }

  @Test
  void saysWhenAnEntryTakesNoOptions() {
    OptionBinder b = new OptionBinder("weighting.pcgrad", Map.of("beta", 1));
    assertThatThrownBy(b::requireAllUsed).hasMessage("weighting.pcgrad: takes no options; got [beta]");
  }

  @Test
  void readsInfinityAsYamlAndMalsarWriteIt() {
    OptionBinder b = new OptionBinder("mt-svm", Map.of("mu", "inf", "c", ".inf"));
    assertThat(b.number("mu", 1)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(b.number("c", 1)).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void rejectsANullValueInsteadOfTakingTheDefault() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tol", null);
    assertThatThrownBy(() -> new OptionBinder("solver", m).number("tol", 1e-4))
        .hasMessage("solver.tol = null: expected a value");
  }
}
