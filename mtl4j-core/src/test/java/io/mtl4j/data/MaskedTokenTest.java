package io.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.encode.DenseRows;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.encode.GroupRows;
import io.mtl4j.encode.IdRows;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.encode.TokenEncoder;
import io.mtl4j.encode.text.Vocabulary;
import io.mtl4j.nn.Activation;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

public class MaskedTokenTest {
  private static final int VOCAB = 12, CAP = 8;
  private static final Task MASKED = Task.maskedToken("masked", CAP, "text");

  /** Rows of 0–5 token ids in [1, VOCAB) in group "text", a dense group "x", and a binary label. */
  public static Dataset tokens(int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] offsets = new int[rows + 1];
    int[] ids = new int[rows * 5];
    float[] x = new float[rows], y = new float[rows];
    for (int i = 0; i < rows; i++) {
      int n = r.nextInt(6);
      for (int k = 0; k < n; k++) ids[offsets[i] + k] = 1 + r.nextInt(VOCAB - 1);
      offsets[i + 1] = offsets[i] + n;
      x[i] = (float) r.nextGaussian();
      y[i] = n > 2 ? 1f : 0f;
    }
    Map<String, GroupRows> groups = new LinkedHashMap<>();
    groups.put("text", new IdRows(offsets, java.util.Arrays.copyOf(ids, offsets[rows])));
    groups.put("x", new DenseRows(Tensor.of(x, rows, 1)));
    return Dataset.builder(FeatureRows.of(groups)).task("long", Tensor.of(y, rows)).build();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void hidesOneTokenBelowTheCapPerRowAndTargetsIt(long seed) {
    Dataset before = tokens(40, seed);
    Dataset after = AuxiliaryTargets.fill(before, List.of(MASKED), seed);
    IdRows was = (IdRows) before.groups().group("text"), is = (IdRows) after.groups().group("text");
    assertThat(is.offsets()).containsExactly(was.offsets());
    for (int r = 0; r < before.rows(); r++) {
      int changed = -1, eligible = 0;
      for (int k = was.offsets()[r]; k < was.offsets()[r + 1]; k++) {
        if (was.ids()[k] < CAP) eligible++;
        if (was.ids()[k] != is.ids()[k]) {
          assertThat(changed).as("row %d: one hidden token", r).isEqualTo(-1);
          changed = k;
        }
      }
      float mask = after.mask("masked").get(r);
      if (eligible == 0) {
        assertThat(mask).as("row %d has no token below the cap", r).isZero();
        assertThat(changed).isEqualTo(-1);
        continue;
      }
      assertThat(mask).isEqualTo(1f);
      assertThat(is.ids()[changed]).isEqualTo(Vocabulary.PADDING);
      assertThat(after.labels("masked").get(r)).isEqualTo((float) was.ids()[changed]).isLessThan(CAP);
    }
    // The other group and the main task's labels are untouched.
    assertThat(after.groups().group("x")).isSameAs(before.groups().group("x"));
    assertThat(after.labels("long")).isSameAs(before.labels("long"));
  }

  @Test
  void theSeedDecidesWhichTokenIsHidden() {
    Dataset data = tokens(60, 4);
    float[] a = AuxiliaryTargets.fill(data, List.of(MASKED), 1).labels("masked").toArray();
    assertThat(AuxiliaryTargets.fill(data, List.of(MASKED), 1).labels("masked").toArray()).containsExactly(a);
    assertThat(AuxiliaryTargets.fill(data, List.of(MASKED), 2).labels("masked").toArray()).isNotEqualTo(a);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void redrawingPutsTheHiddenTokensBackAndHidesOthersOfTheSameRows(long seed) {
    Dataset before = tokens(80, seed);
    Dataset first = AuxiliaryTargets.fill(before, List.of(MASKED), seed);
    Dataset again = AuxiliaryTargets.redraw(first, List.of(MASKED), seed + 100);
    // What a fresh draw from the unmasked rows with that seed gives: redrawing starts from the rows as they were.
    Dataset fresh = AuxiliaryTargets.fill(before, List.of(MASKED), seed + 100);
    assertThat(((IdRows) again.groups().group("text")).ids()).containsExactly(((IdRows) fresh.groups().group("text")).ids());
    assertThat(again.labels("masked").toArray()).containsExactly(fresh.labels("masked").toArray());
    assertThat(again.mask("masked").toArray()).containsExactly(first.mask("masked").toArray());
    assertThat(again.labels("masked").toArray()).isNotEqualTo(first.labels("masked").toArray());
    assertThat(again.labels("long")).isSameAs(before.labels("long"));
    assertThat(AuxiliaryTargets.redraw(first, List.of(MASKED), seed + 100).labels("masked").toArray())
        .containsExactly(again.labels("masked").toArray());
  }

  @Test
  void redrawLeavesDataWithoutDrawnTargetsTheSameObject() {
    Dataset data = tokens(10, 1);
    List<Task> tasks = List.of(Task.of("long", TaskType.binary()), Task.reconstruction("x", 1, "x"));
    Dataset filled = AuxiliaryTargets.fill(data, tasks, 1);
    assertThat(AuxiliaryTargets.redraw(filled, tasks, 2)).isSameAs(filled);
    assertThat(AuxiliaryTargets.redraw(data, List.of(MASKED), 2)).as("the task's targets are not in it").isSameAs(data);
  }

  @Test
  void refusesGroupsOtherThanTokenSequencesAndTypesOtherThanMulticlass() {
    Dataset data = tokens(5, 1);
    assertThatThrownBy(() -> AuxiliaryTargets.fill(data, List.of(Task.maskedToken("m", CAP, "x")), 1))
        .hasMessageContaining("task 'm'").hasMessageContaining("group 'x'").hasMessageContaining("token sequences");
    assertThatThrownBy(() -> AuxiliaryTargets.fill(data, List.of(Task.maskedToken("m", CAP, null)), 1))
        .hasMessageContaining("name the token group").hasMessageContaining("[text, x]");
    Task regression = Task.of("m", TaskType.regression()).withAuxiliary(MASKED.auxiliary());
    assertThatThrownBy(() -> AuxiliaryTargets.fill(data, List.of(regression), 1))
        .hasMessageContaining("expected multiclass");
  }

  /**
   * The masked-token objective, w·BCE(label) + w_aux·CE(softmax over the capped vocabulary, hidden id), through the
   * token table, the shared layers and both heads.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void maskedTokenObjectiveHasCorrectParameterGradients(long seed) {
    List<Task> tasks = List.of(Task.of("long", TaskType.binary()), MASKED.withWeight(0.6));
    InputSpec inputs = new InputSpec(List.of(
        new TokenEncoder.Spec("text", VOCAB, 3, TokenEncoder.Pooling.MEAN, 0, 0, false),
        new io.mtl4j.encode.DenseEncoder.Spec("x", 1, false)));
    MultiTaskModel model = MultiTaskModel.create(ModelSpec.of(inputs, tasks,
        new SharedBottom.Options(new int[] {3}, Activation.TANH, 0), new Head.Options(new int[] {2}, Activation.TANH, 0)),
        seed);
    AuxiliaryGradients.assertParameterGradients(model, AuxiliaryTargets.fill(tokens(6, seed), tasks, seed));
  }
}
