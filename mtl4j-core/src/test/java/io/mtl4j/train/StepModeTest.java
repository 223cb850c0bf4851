package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.PLE;
import io.mtl4j.weighting.Weighting;
import io.mtl4j.weighting.Weightings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The step mode is chosen once from the weighting's requirements, and impossible runs are refused there. */
class StepModeTest {
  private final DataParallel parallel = new DataParallel(2);

  @AfterEach
  void close() {
    parallel.close();
  }

  private StepMode choose(MultiTaskModel model, String weighting, boolean representation, boolean sharedRows) {
    Weighting w = Weightings.create(weighting);
    Shards shards = new Shards(model, parallel, 1, true);
    StepContext context = new StepContext(model.parameters(), 1, new double[2][1], 2,
        w.requirements().lossSamples(), 0);
    return StepMode.choose(w.requirements(), representation, model.architecture().hasSharedCut(), sharedRows,
        new StepMode.Parts(shards, new StepReduce(shards, model.parameters()), context, w));
  }

  @ParameterizedTest
  @CsvSource({"ew, false, CombinedLossStep", "ew, true, CombinedLossStep", "famo, false, CombinedLossStep",
      "moco, false, TaskGradientStep", "gradnorm, false, TaskGradientStep", "pcgrad, false, GramStandInStep",
      "mgda, false, GramStandInStep", "pcgrad, true, RepresentationGradientStep",
      "graddrop, false, RepresentationGradientStep", "modo, false, MultiSampleStep",
      "sdmgrad, false, MultiSampleStep"})
  void choosesTheModeThatComputesWhatTheWeightingDeclares(String weighting, boolean representation, String mode) {
    assertThat(choose(TrainerTest.model(1), weighting, representation, true).getClass().getSimpleName())
        .isEqualTo(mode);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "moco    | true  | true  | 'MoCo' reads gradients coordinate by coordinate or over several loss samples",
      "modo    | true  | true  | 'MoDo' reads gradients coordinate by coordinate or over several loss samples",
      "pcgrad  | true  | false | 'PCGrad' combines gradients of one shared representation: it needs single-input",
      "graddrop| false | false | 'GradDrop' combines gradients of one shared representation: it needs single-input"})
  void refusesRepresentationGradientsItCannotCompute(String weighting, boolean representation, boolean sharedRows,
                                                     String message) {
    assertThatThrownBy(() -> choose(TrainerTest.model(1), weighting, representation, sharedRows))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource({"graddrop, false", "pcgrad, true"})
  void asksTheArchitectureForASharedCutInsteadOfListingNames(String weighting, boolean representation) {
    MultiTaskModel ple = MultiTaskModel.create(new ModelSpec(4, TrainerTest.model(1).tasks(),
        new PLE.Options(1, 2, 1, 5), new Head.Options(3)), 1);
    assertThatThrownBy(() -> choose(ple, weighting, representation, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the model has no single tensor between its shared and task-owned parts")
        .hasMessageNotContaining("mmoe");
  }
}
