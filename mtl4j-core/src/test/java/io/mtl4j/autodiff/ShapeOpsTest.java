package io.mtl4j.autodiff;

import static io.mtl4j.testkit.GradCheck.assertGradients;
import static io.mtl4j.testkit.GradCheck.randomShape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Softmax, reductions, concat/split/slice, reshape/transpose, gather, mixture, dropout and layer norm. */
class ShapeOpsTest {
  static LongStream seeds() {
    return LongStream.range(1, 6);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void softmaxFamilyHasCorrectGradientsOnEveryAxis(long seed) {
    int[] s = randomShape(new SplittableRandom(seed), 3, 5);
    for (int axis = 0; axis < 3; axis++) {
      int a = axis;
      assertGradients(v -> Softmax.softmax(v[0], a), seed, s);
      assertGradients(v -> Softmax.logSoftmax(v[0], a), seed, s);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void reductionsHaveCorrectGradients(long seed) {
    int[] s = randomShape(new SplittableRandom(seed), 3, 5);
    assertGradients(v -> Reduce.sum(v[0]), seed, s);
    assertGradients(v -> Reduce.mean(v[0]), seed, s);
    assertGradients(v -> Reduce.sum(v[0], 1), seed, s);
    assertGradients(v -> Reduce.mean(v[0], -1), seed, s);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void concatSliceSplitReshapeTransposeHaveCorrectGradients(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int rows = 1 + r.nextInt(5), a = 1 + r.nextInt(4), b = 1 + r.nextInt(4);
    assertGradients(v -> ConcatSplit.concat(1, v[0], v[1]), seed, new int[] {rows, a}, new int[] {rows, b});
    assertGradients(v -> ConcatSplit.concat(0, v[0], v[1]), seed, new int[] {a, rows}, new int[] {b, rows});
    assertGradients(v -> ConcatSplit.slice(v[0], 1, 1, a + 1), seed, new int[] {rows, a + 2});
    assertGradients(v -> ConcatSplit.split(v[0], 1, a, b)[1], seed, new int[] {rows, a + b});
    assertGradients(v -> ConcatSplit.reshape(v[0], a * rows), seed, new int[] {rows, a});
    assertGradients(v -> ConcatSplit.transpose(v[0]), seed, new int[] {rows, a});
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void mixtureHasCorrectGradients(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int b = 1 + r.nextInt(6), e = 1 + r.nextInt(4), h = 1 + r.nextInt(5);
    assertGradients(v -> Mixture.mix(v[0], v[1]), seed, new int[] {b, e * h}, new int[] {b, e});
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void gatherHasCorrectGradientsWithRepeatedIds(long seed) {
    int[] ids = {2, 0, 2, 1};
    assertGradients(v -> Gather.rows(v[0], ids), seed, new int[] {3, 4});
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void layerNormHasCorrectGradients(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int b = 1 + r.nextInt(4), d = 4 + r.nextInt(6);
    assertGradients(v -> Norm.layerNorm(v[0], v[1], v[2], 1e-5f), seed, new int[] {b, d}, new int[] {d}, new int[] {d});
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void dropoutHasCorrectGradientsForAFixedMask(long seed) {
    // Each evaluation draws a fresh mask from the same seed, so the function is deterministic.
    assertGradients(v -> Dropout.apply(v[0], 0.3, new SplittableRandom(seed)), seed, new int[] {4, 5});
  }

  @Test
  void softmaxRowsSumToOne() {
    Tape tape = new Tape();
    Tensor y = Softmax.softmax(tape.constant(Tensor.of(new float[] {1000, 1001, 999, -3, 0, 3}, 2, 3)), 1).value();
    assertThat(y.get(0) + y.get(1) + y.get(2)).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(y.get(3) + y.get(4) + y.get(5)).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
  }

  @Test
  void dropoutKeepsTheExpectedMean() {
    Tape tape = new Tape();
    Tensor ones = Tensor.zeros(200, 100).fill(1f);
    Tensor y = Dropout.apply(tape.constant(ones), 0.25, new SplittableRandom(11)).value();
    double mean = 0;
    for (int i = 0; i < y.size(); i++) mean += y.get(i);
    assertThat(mean / y.size()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.03));
  }

  @Test
  void gatherRejectsAnIdOutsideTheTable() {
    Tape tape = new Tape();
    Var table = tape.variable(Tensor.zeros(3, 2));
    assertThatThrownBy(() -> Gather.rows(table, new int[] {0, 3}))
        .hasMessage("gather: id 3 at position 1 outside table of 3 rows");
  }

  @Test
  void perPassGradientsStopAtARepresentation() {
    Tape tape = new Tape();
    Var x = tape.variable(Tensor.of(new float[] {1, 2}, 1, 2));
    Var rep = Elementwise.scale(x, 3f);
    Var loss = Reduce.sum(Elementwise.mul(rep, rep));
    tape.backward(java.util.Map.of(loss, Tensor.scalar(1f)), java.util.Set.of(rep));
    assertThat(rep.grad().toArray()).containsExactly(6f, 12f);
    assertThat(x.grad()).as("the pass stopped at rep").isNull();
    tape.backward(java.util.Map.of(rep, Tensor.of(new float[] {1, 1}, 1, 2)), java.util.Set.of());
    assertThat(x.grad().toArray()).containsExactly(3f, 3f);
  }

  @Test
  void takenGradientsSurviveLaterPassesAndBackwardFromStartsAtAGivenGradient() {
    Tape tape = new Tape();
    Var x = tape.variable(Tensor.of(new float[] {1, 2}, 1, 2));
    Var rep = Elementwise.scale(x, 3f);
    Var first = Reduce.sum(Elementwise.mul(rep, rep)), second = Reduce.sum(rep);
    tape.backward(java.util.Map.of(first, Tensor.scalar(1f)), java.util.Set.of(rep));
    Tensor fromFirst = tape.takeGrad(rep);
    tape.backward(java.util.Map.of(second, Tensor.scalar(1f)), java.util.Set.of(rep));
    Tensor fromSecond = tape.takeGrad(rep);
    assertThat(fromFirst.toArray()).containsExactly(6f, 12f);
    assertThat(fromSecond.toArray()).containsExactly(1f, 1f);
    Tensor seed = tape.alloc(1, 2);
    seed.set(0, 2f);
    seed.set(1, -1f);
    tape.backwardFrom(rep, seed);
    assertThat(x.grad().toArray()).containsExactly(6f, -3f);
    assertThatThrownBy(() -> tape.backwardFrom(rep, Tensor.zeros(2, 1))).hasMessageContaining("backwardFrom");
  }
}
