package io.mtl4j.task.loss;

import static io.mtl4j.testkit.GradCheck.assertGradients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.mtl4j.autodiff.Tape;
import io.mtl4j.autodiff.Var;
import io.mtl4j.task.LabelMask;
import io.mtl4j.task.Loss;
import io.mtl4j.task.Losses;
import io.mtl4j.tensor.Tensor;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Hand-computed values, masked rows, and finite-difference gradients of every loss. */
class LossesTest {
  private static final Tensor MASK_ROW_1_MISSING = Tensor.of(new float[] {1, 0, 1}, 3);

  private static float value(Loss loss, float[] logits, int width, float[] labels, Tensor mask) {
    Tape tape = new Tape();
    int rows = mask.size();
    Var z = tape.variable(Tensor.of(logits, rows, width));
    Tensor y = Tensor.of(labels, rows, labels.length / rows);
    double denominator = new LabelMask(mask, 0).count();
    return loss.loss(z, y, new LabelMask(mask, denominator)).item();
  }

  @Test
  void bceMatchesHandComputedValueAndIgnoresMaskedRows() {
    // rows 0 and 2: −log σ(2) and −log(1 − σ(−1)) ; row 1 is masked and wildly wrong
    double expected = (Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(-1))) / 2;
    assertThat(value(new BceWithLogits(), new float[] {2, 50, -1}, 1, new float[] {1, 0, 0}, MASK_ROW_1_MISSING))
        .isCloseTo((float) expected, offset(1e-6f));
  }

  @Test
  void crossEntropyMatchesHandComputedValue() {
    float[] z = {1, 2, 3, 9, 9, 9, 0, 0, 0};
    double row0 = -Math.log(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)));
    double row2 = -Math.log(1.0 / 3);
    assertThat(value(new SoftmaxCrossEntropy(), z, 3, new float[] {2, 1, 0}, MASK_ROW_1_MISSING))
        .isCloseTo((float) ((row0 + row2) / 2), offset(1e-6f));
  }

  @Test
  void regressionLossesMatchHandComputedValues() {
    float[] z = {1, 100, -2}, y = {3, 0, -1.5f};
    assertThat(value(new Mse(), z, 1, y, MASK_ROW_1_MISSING)).isCloseTo((4 + 0.25f) / 2, offset(1e-6f));
    assertThat(value(new Mae(), z, 1, y, MASK_ROW_1_MISSING)).isCloseTo((2 + 0.5f) / 2, offset(1e-6f));
    // Huber δ = 1: |2| → 1·(2 − 0.5) = 1.5 ; |0.5| → 0.125
    assertThat(value(new Huber(1.0), z, 1, y, MASK_ROW_1_MISSING)).isCloseTo((1.5f + 0.125f) / 2, offset(1e-6f));
  }

  @Test
  void multilabelBceAveragesOverLabelsAndLabelledRows() {
    float[] z = {0, 0, 7, 7, 0, 0};
    float[] y = {1, 0, 0, 0, 1, 1};
    // rows 0 and 2, two labels each: every term is log 2
    assertThat(value(new MultilabelBce(), z, 2, y, MASK_ROW_1_MISSING)).isCloseTo((float) Math.log(2), offset(1e-6f));
  }

  @Test
  void allLabelsMissingGivesZeroLossAndNoGradient() {
    Tape tape = new Tape();
    Var z = tape.variable(Tensor.of(new float[] {1, 2}, 2, 1));
    Var loss = new Mse().loss(z, Tensor.of(new float[] {0, 0}, 2, 1), new LabelMask(Tensor.zeros(2), 0));
    tape.backward(loss);
    assertThat(loss.item()).isZero();
    assertThat(z.grad() == null ? new float[] {0, 0} : z.grad().toArray()).containsOnly(0f);
  }

  static LongStream seeds() {
    return LongStream.range(1, 5);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void everyLossHasCorrectGradientsUnderAMask(long seed) {
    Tensor mask = Tensor.of(new float[] {1, 1, 0, 1}, 4);
    LabelMask m = new LabelMask(mask, 3);
    Tensor binary = Tensor.of(new float[] {1, 0, 1, 0}, 4, 1);
    // Targets ≥ 1.5 away from every input (inputs lie in ±[0.15, 1]): no MAE kink and no Huber switch near a probe.
    Tensor targets = Tensor.of(new float[] {3f, -2.5f, 0f, 2.5f}, 4, 1);
    Tensor classes = Tensor.of(new float[] {2, 0, 1, 1}, 4, 1);
    Tensor multi = Tensor.of(new float[] {1, 0, 0, 1, 1, 1, 0, 0}, 4, 2);
    assertGradients(v -> new BceWithLogits().loss(v[0], binary, m), seed, new int[] {4, 1});
    assertGradients(v -> new Mse().loss(v[0], targets, m), seed, new int[] {4, 1});
    assertGradients(v -> new Mae().loss(v[0], targets, m), seed, new int[] {4, 1});
    assertGradients(v -> new Huber(0.5).loss(v[0], targets, m), seed, new int[] {4, 1}); // linear region
    assertGradients(v -> new Huber(5.0).loss(v[0], targets, m), seed, new int[] {4, 1}); // quadratic region
    assertGradients(v -> new SoftmaxCrossEntropy().loss(v[0], classes, m), seed, new int[] {4, 3});
    assertGradients(v -> new MultilabelBce().loss(v[0], multi, m), seed, new int[] {4, 2});
  }

  @Test
  void crossEntropyRejectsALabelOutsideTheClasses() {
    Tape tape = new Tape();
    Var z = tape.variable(Tensor.zeros(1, 3));
    assertThatThrownBy(() -> new SoftmaxCrossEntropy().loss(z, Tensor.of(new float[] {3}, 1, 1), LabelMask.all(1)))
        .hasMessageContaining("label 3.0 in row 0 is not a class index in [0, 2]");
  }

  @Test
  void unknownLossNamesTheKnownOnes() {
    assertThatThrownBy(() -> Losses.byName("bse")).hasMessageContaining("unknown loss 'bse'").hasMessageContaining("bce");
  }

  @Test
  void defaultsAreUnchangedByAUsersWith() {
    io.mtl4j.config.Registry<Loss> mine = Losses.defaults().with("my-mse", o -> new Mse());
    assertThat(mine.names()).containsExactly("bce", "cross-entropy", "huber", "mae", "mse", "multilabel-bce",
        "pixel-cross-entropy", "my-mse");
    assertThat(Losses.defaults().names()).containsExactly("bce", "cross-entropy", "huber", "mae", "mse",
        "multilabel-bce", "pixel-cross-entropy");
    assertThatThrownBy(() -> Losses.byName("my-mse")).hasMessageContaining("unknown loss 'my-mse'");
  }

  @Test
  void refusesToRegisterANameTwice() {
    assertThatThrownBy(() -> Losses.defaults().with("MSE", o -> new Mse()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("loss 'MSE' is already registered (as 'mse'); choose another name");
  }

  @Test
  void huberRejectsANonPositiveDelta() {
    assertThatThrownBy(() -> new Huber(0)).hasMessage("Huber: delta = 0.0, expected a finite value > 0");
  }
}
