package io.mtl4j.weighting;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.mtl4j.testkit.WeightingContract;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link WeightingContract} for every registered weighting; a new registration is covered automatically. */
class WeightingContractTest {
  /** Methods for which "not equal to EW on conflicting gradients" is not meaningful, with the reason. */
  private static final Map<String, String> SAME_AS_EW_BY_DESIGN = Map.of("ew", "it is equal weighting");

  static Stream<String> methods() {
    return Weightings.names().stream();
  }

  private static Supplier<Weighting> factory(String name) {
    return () -> Weightings.create(name, WeightingContract.nonDefaultOptions(name));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("methods")
  void continuesIdenticallyAfterAStateRoundTrip(String name) {
    WeightingContract.assertStateRoundTrip(factory(name), 11L);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("methods")
  void repeatsItselfForTheSameSeed(String name) {
    WeightingContract.assertDeterministic(factory(name), 12L);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("methods")
  void readsOnlyWhatItDeclares(String name) {
    WeightingContract.assertRequirementsHonoured(factory(name), 13L);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("methods")
  void updatesTheSameOnGramStandInsWhenItUsesInnerProductsOnly(String name) {
    WeightingContract.assertSameUpdateOnGramStandIns(factory(name), 14L);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("methods")
  void updatesDifferentlyFromEqualWeightingOnConflictingGradients(String name) {
    assumeFalse(SAME_AS_EW_BY_DESIGN.containsKey(name), () -> name + ": " + SAME_AS_EW_BY_DESIGN.get(name));
    WeightingContract.assertUpdatesDifferentlyFromEqualWeighting(factory(name), 15L);
  }
}
