package io.mtl4j.cli.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.encode.TokenEncoder;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The options of `study fdu-mtl`: shared width, the planted task's variants and weight, pre-trained vectors. */
class FduMtlStudyTest {
  @Test
  void sharedWidthPutsOneSharedLayerOfThatSizeInBothModels() {
    FduMtlStudy study = new FduMtlStudy();
    new picocli.CommandLine(study).parseArgs("--data-dir", "d", "--out", "o", "--architectures",
        "shared-bottom,adversarial-shared-private", "--conflict", "books", "--conflict-labels", "lexicon",
        "--shared-width", "4");
    List<SharedVsSingle.Variant> v = study.variants();
    assertThat(v).extracting(SharedVsSingle.Variant::name).containsExactly("shared-bottom",
        "shared-bottom+books-lexicon", "adversarial-shared-private", "adversarial-shared-private+books-lexicon");
    assertThat(((SharedBottom.Options) v.get(0).architecture()).hidden()).containsExactly(4);
    var asp = (io.mtl4j.arch.AdversarialSharedPrivate.Options) v.get(2).architecture();
    assertThat(asp.hidden()).containsExactly(4);
    assertThat(asp.privateHidden()).containsExactly(64);
    FduMtlStudy plain = new FduMtlStudy();
    new picocli.CommandLine(plain).parseArgs("--data-dir", "d", "--out", "o");
    assertThat(((SharedBottom.Options) plain.variants().get(0).architecture()).hidden()).isEmpty();
  }

  @Test
  void conflictWeightWeighsThePlantedTaskInTheVariantsThatTrainOnIt() {
    FduMtlStudy study = new FduMtlStudy();
    new picocli.CommandLine(study).parseArgs("--data-dir", "d", "--out", "o", "--conflict", "books",
        "--conflict-labels", "half-flipped", "--conflict-weight", "16");
    study.checkConflict();
    assertThat(study.variants()).extracting(SharedVsSingle.Variant::name, SharedVsSingle.Variant::withExtra,
        SharedVsSingle.Variant::extraWeight).containsExactly(org.assertj.core.groups.Tuple.tuple("shared-bottom", false, 1.0),
        org.assertj.core.groups.Tuple.tuple("shared-bottom+books-half-flipped", true, 16.0));
  }

  @Test
  void badConflictOptionsAreRefusedBeforeAnyDataAreRead() {
    FduMtlStudy kind = new FduMtlStudy();
    new picocli.CommandLine(kind).parseArgs("--data-dir", "d", "--out", "o", "--conflict", "books",
        "--conflict-labels", "inverted");
    assertThatThrownBy(kind::checkConflict).hasMessage("--conflict-labels: 'inverted', expected one of flipped, "
        + "shuffled, lexicon, half-flipped");
    FduMtlStudy weight = new FduMtlStudy();
    new picocli.CommandLine(weight).parseArgs("--data-dir", "d", "--out", "o", "--conflict-weight", "-1");
    assertThatThrownBy(weight::checkConflict).hasMessage("--conflict-weight = -1.0, expected a finite value ≥ 0");
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
