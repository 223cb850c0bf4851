package io.mtl4j.cli.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.data.Dataset;
import io.mtl4j.encode.DenseRows;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.encode.TokenEncoder;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The planted conflicting task of `study fdu-mtl --conflict`. */
class FduMtlStudyTest {
  @Test
  void conflictingTaskIsTheDomainsRowsWithEveryLabelFlipped() {
    Dataset[] own = new Dataset[3];
    for (int p = 0; p < 3; p++) {
      own[p] = Dataset.builder(FeatureRows.of(Map.of("text", new DenseRows(Tensor.of(new float[] {1, 2, 3}, 3, 1)))))
          .task("books", Tensor.of(new float[] {1, 0, p % 2}, 3)).build();
    }
    Dataset[] flipped = FduMtlStudy.conflicting("books", "flipped", Map.of("books", own));
    for (int p = 0; p < 3; p++) {
      assertThat(flipped[p].labels("books-flipped").toArray()).containsExactly(0, 1, 1 - p % 2);
      assertThat(flipped[p].groups()).isSameAs(own[p].groups());
    }
  }

  @Test
  void conflictMustNameADomain() {
    assertThatThrownBy(() -> FduMtlStudy.conflicting("cars", "flipped", Map.of())).hasMessageContaining("--conflict: 'cars'");
    assertThatThrownBy(() -> FduMtlStudy.conflicting("books", "inverted", Map.of("books", new Dataset[0])))
        .hasMessageContaining("expected flipped or shuffled");
  }

  @Test
  void shuffledConflictPermutesTheLabelsKeepingTheirCounts() {
    float[] labels = new float[40];
    for (int r = 0; r < 40; r++) labels[r] = r < 10 ? 1 : 0;
    Dataset d = Dataset.builder(FeatureRows.of(Map.of("text", new DenseRows(Tensor.zeros(40, 1)))))
        .task("books", Tensor.of(labels, 40)).build();
    float[] shuffled = FduMtlStudy.conflicting("books", "shuffled", Map.of("books", new Dataset[] {d}))[0]
        .labels("books-shuffled").toArray();
    float sum = 0;
    for (float v : shuffled) sum += v;
    assertThat(sum).isEqualTo(10f);
    assertThat(shuffled).isNotEqualTo(labels);
  }

  @Test
  void pretrainedVectorsStartTheTextTableOfEveryModel() {
    InputSpec inputs = new InputSpec(List.of(new TokenEncoder.Spec("text", 5, 3, TokenEncoder.Pooling.MEAN, 0, 0, false)));
    MultiTaskModel model = MultiTaskModel.create(ModelSpec.of(inputs, List.of(Task.of("books", TaskType.binary())),
        new SharedBottom.Options(4), null), 1);
    float[] vectors = new float[15];
    for (int i = 0; i < 15; i++) vectors[i] = i / 10f;
    FduMtlStudy.pretrained(Tensor.of(vectors, 5, 3)).accept(model);
    var table = model.parameters().get("encoder.text.table");
    assertThat(Arrays.copyOfRange(model.parameters().values(), table.offset(), table.offset() + table.size()))
        .containsExactly(vectors);
  }
}
