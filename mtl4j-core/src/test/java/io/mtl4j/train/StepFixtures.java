package io.mtl4j.train;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Dataset;
import io.mtl4j.optim.Optimizers;
import io.mtl4j.weighting.Weighting;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Shared set-up of the step-mode tests: an executor, a one-batch plan, a model on another architecture. */
final class StepFixtures {
  /** A step executor with plain SGD at {@code rate}, seed 5 and nothing frozen, on single-input data. */
  static StepExecutor executor(MultiTaskModel model, Weighting weighting, DataParallel parallel, double rate,
                               boolean representationGradients) {
    return new StepExecutor(model, weighting, parallel, Optimizers.create("sgd", Map.of("learningRate", rate),
        io.mtl4j.optim.LrSchedule.constant()), Optimizers.create("sgd"), 0, 5, new double[2][1],
        FrozenParameters.resolve(model, List.of()), representationGradients, true);
  }

  static StepExecutor executor(MultiTaskModel model, Weighting weighting, DataParallel parallel) {
    return executor(model, weighting, parallel, 0.1, false);
  }

  static MultiTaskModel model(Architecture.Factory architecture) {
    return MultiTaskModel.create(new ModelSpec(4, TrainerTest.model(1).tasks(), architecture, new Head.Options(3)), 3);
  }

  static BatchPlan plan(Dataset data) {
    BatchPlan plan = new BatchPlan.SingleInput(data, data.rows());
    plan.beginEpoch(new SplittableRandom(1));
    return plan;
  }
}
