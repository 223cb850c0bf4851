package io.mtl4j.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.nn.Activation;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ojalgo.matrix.decomposition.SingularValue;
import org.ojalgo.matrix.store.R064Store;

class SoftSharingTest {
  @ParameterizedTest
  @EnumSource(SoftSharing.Penalty.class)
  void parameterGradientsIncludeThePenalty(SoftSharing.Penalty penalty) {
    ArchitectureChecks.assertParameterGradients(
        new SoftSharing.Options(new int[] {3, 2}, Activation.TANH, 0, penalty, List.of(0.5, 0.2)), 7);
  }

  @Test
  void parameterCountFollowsTheFormula() {
    int d = 7, h = 5, t = 3;
    int[] s = ArchitectureChecks.sizes(new SoftSharing.Options(SoftSharing.Penalty.L2_TIE, 0.1, h), d, t);
    assertThat(s[0]).isEqualTo(t * (d * h + h));
    assertThat(s[1]).isZero();
  }

  @Test
  void learnsInBothDataSettings() {
    SoftSharing.Options o = new SoftSharing.Options(SoftSharing.Penalty.L2_TIE, 1e-3, 16);
    ArchitectureChecks.assertLearns(ArchitectureChecks.learnSingleInput(o), "single-input");
    ArchitectureChecks.assertLearns(ArchitectureChecks.learnMultiInput(new SoftSharing.Options(
        SoftSharing.Penalty.TRACE_NORM, 1e-3, 16)), "multi-input");
  }

  @Test
  void largeL2TieMakesTheTaskNetworksNearlyIdentical() {
    MultiTaskModel tied = train(new SoftSharing.Options(SoftSharing.Penalty.L2_TIE, 10.0, 8));
    MultiTaskModel free = train(new SoftSharing.Options(SoftSharing.Penalty.L2_TIE, 0.0, 8));
    assertThat(relativeDifference(tied)).isLessThan(0.02);
    assertThat(relativeDifference(free)).as("untied networks differ").isGreaterThan(0.3);
  }

  @Test
  void thePenaltyAlsoBindsUnderAGradientWeighting() {
    // Gradient weightings take the per-task backward path; the penalty's gradient must reach the weights there too.
    MultiTaskModel tied = train(new SoftSharing.Options(SoftSharing.Penalty.L2_TIE, 10.0, 8), "adam", 0.01, "pcgrad");
    assertThat(relativeDifference(tied)).isLessThan(0.02);
  }

  @Test
  void largeTraceNormMakesTheStackedWeightsLowRank() {
    // Plain SGD: the subgradient's oscillation around rank one is then lr·λ, not Adam's lr per coordinate.
    MultiTaskModel tied = train(new SoftSharing.Options(SoftSharing.Penalty.TRACE_NORM, 3.0, 8), "sgd", 0.005);
    MultiTaskModel free = train(new SoftSharing.Options(SoftSharing.Penalty.TRACE_NORM, 0.0, 8), "sgd", 0.005);
    double[] t = singularValues(tied), f = singularValues(free);
    assertThat(t[1] / t[0]).as("tied singular values %s", java.util.Arrays.toString(t)).isLessThan(0.05);
    assertThat(t[0]).as("the common direction survives (untied: %s)", f[0]).isGreaterThan(0.1);
    assertThat(f[1] / f[0]).as("untied stack is full rank: %s", java.util.Arrays.toString(f)).isGreaterThan(0.3);
  }

  @Test
  void strengthNeedsOneValueOrOnePerLayer() {
    assertThatThrownBy(() -> new SoftSharing.Options(new int[] {4, 4, 4}, Activation.RELU, 0, SoftSharing.Penalty.L2_TIE,
        List.of(1.0, 2.0))).hasMessageContaining("strength = [1.0, 2.0]");
    assertThat(Architectures.create("soft-sharing", java.util.Map.of("penalty", "trace-norm")).name())
        .isEqualTo("soft-sharing");
  }

  private static MultiTaskModel train(SoftSharing.Options o) {
    return train(o, "adam", 0.01);
  }

  private static MultiTaskModel train(SoftSharing.Options o, String optimizer, double lr) {
    return train(o, optimizer, lr, "ew");
  }

  private static MultiTaskModel train(SoftSharing.Options o, String optimizer, double lr, String weighting) {
    MultiTaskModel m = MultiTaskModel.create(new ModelSpec(ArchitectureChecks.INPUTS, ArchitectureChecks.TASKS, o,
        new io.mtl4j.arch.Head.Options(4)), 3);
    new Trainer(TrainingConfig.builder().epochs(15).batchSize(50).seed(2).optimizer(optimizer, java.util.Map.of())
        .learningRate(lr).weighting(weighting).build())
        .fit(m, ArchitectureChecks.data(1000, 1), null);
    return m;
  }

  private static double relativeDifference(MultiTaskModel m) {
    SoftSharing s = (SoftSharing) m.architecture();
    Tensor a = s.weight(m.parameters(), 0, 0), b = s.weight(m.parameters(), 1, 0);
    double diff = 0, norm = 0;
    for (int i = 0; i < a.size(); i++) {
      diff += Math.pow(a.get(i) - b.get(i), 2);
      norm += Math.pow(a.get(i), 2);
    }
    return Math.sqrt(diff / norm);
  }

  private static double[] singularValues(MultiTaskModel m) {
    SoftSharing s = (SoftSharing) m.architecture();
    Tensor a = s.weight(m.parameters(), 0, 0), b = s.weight(m.parameters(), 1, 0);
    R064Store stack = R064Store.FACTORY.make(a.size(), 2);
    for (int i = 0; i < a.size(); i++) {
      stack.set(i, 0, a.get(i));
      stack.set(i, 1, b.get(i));
    }
    SingularValue<Double> svd = SingularValue.R064.make(stack);
    svd.decompose(stack);
    double[] sv = new double[2];
    svd.getSingularValues(sv);
    return sv;
  }
}
