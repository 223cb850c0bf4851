package io.mtl4j.io;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.Architectures;
import io.mtl4j.arch.Head;
import io.mtl4j.arch.MMoE;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.ModelSpecMaps;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.TaskSurgery;
import io.mtl4j.data.Dataset;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.NonFinitePolicy;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.weighting.Weightings;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad training configs, specs and API calls: each fails where it is given, with a message naming key and value. */
class LifecycleBadInputTest {
  static final List<Task> TASKS = List.of(Task.of("a", TaskType.binary()), Task.of("b", TaskType.regression()));

  static MultiTaskModel model() {
    return MultiTaskModel.create(new ModelSpec(3, TASKS, new MMoE.Options(2, 4), new Head.Options()), 1);
  }

  static Dataset data(int columns) {
    return Dataset.builder(Tensor.zeros(4, columns)).task("a", Tensor.zeros(4)).task("b", Tensor.zeros(4)).build();
  }

  static Arguments bad(String name, ThrowingCallable call, String... message) {
    return Arguments.of(name, call, message);
  }

  static List<Arguments> cases() {
    return List.of(
        bad("negative learning rate", () -> TrainingConfig.builder().learningRate(-0.1).build(),
            "optimizer.options: Adam.Options: learningRate = -0.1", "> 0"),
        bad("batch size 0", () -> TrainingConfig.builder().batchSize(0).build(), "training.batchSize = 0"),
        bad("zero epochs", () -> TrainingConfig.builder().epochs(0).build(), "training.epochs = 0"),
        bad("negative checkpoint interval", () -> TrainingConfig.builder().checkpointEvery(-5).build(),
            "training.checkpointEvery = -5"),
        bad("rollback factor out of range", () -> TrainingConfig.builder().rollbackFactor(1.5).build(),
            "training.rollbackFactor = 1.5", "(0, 1)"),
        bad("unknown non-finite policy", () -> NonFinitePolicy.byName("ignore"),
            "training.nonFinite = 'ignore'", "[fail, skip, rollback]"),
        bad("unknown architecture name", () -> Architectures.byName("transformer"),
            "unknown architecture 'transformer'", "mmoe"),
        bad("unknown weighting name", () -> Weightings.create("magic"), "unknown weighting 'magic'", "pcgrad"),
        bad("duplicate task names", () -> new ModelSpec(3, List.of(TASKS.get(0), TASKS.get(0)), new MMoE.Options(2, 4), null),
            "duplicate task name 'a'"),
        bad("model/data column mismatch in training", () -> new Trainer(TrainingConfig.builder().build()).fit(model(), data(5), null),
            "training data has 5 feature columns, the model expects 3"),
        bad("model/data column mismatch in prediction", () -> model().predict(Tensor.zeros(2, 4), 8),
            "model input [2,4]: expected [rows, 3]"),
        bad("unknown task type in a model spec", () -> ModelSpecMaps.taskFromMap(Map.of("name", "x", "type", "ranking"), "spec.tasks[0]"),
            "spec.tasks[0].type = 'ranking'"),
        bad("multiclass task without classes in a model spec", () -> ModelSpecMaps.taskFromMap(Map.of("name", "x", "type", "multiclass"), "spec.tasks[1]"),
            "spec.tasks[1].classes"),
        bad("unknown architecture option in a model spec", () -> ModelSpecMaps.fromMap(Map.of("inputs", 3,
            "architecture", Map.of("name", "mmoe", "options", Map.of("expertz", 4)), "tasks", List.of())),
            "unknown option 'expertz'"),
        bad("removing an unknown task", () -> TaskSurgery.removeTask(model(), "c"), "unknown task 'c'"),
        bad("adding a task twice", () -> TaskSurgery.addTask(model(), Task.of("b", TaskType.binary()), 1),
            "duplicate task name 'b'"),
        bad("freezing an unknown parameter", () -> new Trainer(TrainingConfig.builder().frozen("encoder*").build())
            .fit(model(), data(3), null), "training.frozen: 'encoder*' matches no parameter"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRefusedWithAMessageNamingTheProblem(String name, ThrowingCallable call, String[] message) {
    var thrown = assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class);
    for (String m : message) thrown.hasMessageContaining(m);
  }
}
