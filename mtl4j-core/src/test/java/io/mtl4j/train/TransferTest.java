package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.TaskSurgery;
import io.mtl4j.data.Dataset;
import io.mtl4j.io.ModelFile;
import io.mtl4j.io.ModelMetadata;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferTest {
  @TempDir Path dir;

  static final Task THIRD = Task.of("third", TaskType.binary(), "auc");

  /** TrainerTest's two tasks plus third = [x2 + x3 > 0]. */
  static Dataset threeTasks(int rows, long seed) {
    Dataset d = TrainerTest.data(rows, seed, false);
    float[] x = d.features().toArray(), third = new float[rows];
    for (int i = 0; i < rows; i++) third[i] = x[i * 4 + 2] + x[i * 4 + 3] > 0 ? 1f : 0f;
    return Dataset.builder(d.features()).task("sum", d.labels("sum")).task("sign", d.labels("sign"))
        .task("third", Tensor.of(third, rows)).build();
  }

  static MultiTaskModel trainedTwoTaskModel() {
    MultiTaskModel m = TrainerTest.model(1);
    new Trainer(TrainerTest.config().epochs(8).build()).fit(m, TrainerTest.data(600, 5, false), TrainerTest.data(200, 6, false));
    return m;
  }

  @Test
  void addingATaskWithTheRestFrozenKeepsTheOldTasksAndLearnsTheNewOne() {
    MultiTaskModel two = trainedTwoTaskModel();
    Dataset test = threeTasks(400, 7);
    Evaluation before = ModelEvaluator.evaluate(two, TrainerTest.data(400, 7, false));

    MultiTaskModel three = TaskSurgery.addTask(two, THIRD, 42);
    double untrained = ModelEvaluator.evaluate(three, test).value("third", "auc");
    new Trainer(TrainerTest.config().epochs(8).frozen("shared", "task:sum", "task:sign").build())
        .fit(three, threeTasks(600, 5), threeTasks(200, 6));
    Evaluation after = ModelEvaluator.evaluate(three, test);

    for (String task : new String[] {"sum", "sign"}) {
      for (String metric : before.metrics(task)) {
        assertThat(after.value(task, metric)).as(task + " " + metric).isCloseTo(before.value(task, metric),
            org.assertj.core.data.Offset.offset(1e-9));
      }
    }
    assertThat(after.value("third", "auc")).isGreaterThan(0.9).isGreaterThan(untrained + 0.1);
  }

  @Test
  void addedTaskTrainsOnDataLabelledForItAloneWhenTheRestIsFrozen() {
    MultiTaskModel two = trainedTwoTaskModel();
    MultiTaskModel three = TaskSurgery.addTask(two, THIRD, 42);
    Dataset full = threeTasks(600, 5), fullValid = threeTasks(200, 6);
    Dataset onlyThird = Dataset.builder(full.features()).task("third", full.labels("third")).build();
    Dataset validThird = Dataset.builder(fullValid.features()).task("third", fullValid.labels("third")).build();
    TrainingResult r = new Trainer(TrainerTest.config().epochs(8).frozen("shared", "task:sum", "task:sign").build())
        .fit(three, onlyThird, validThird);
    assertThat(r.best().validation().tasks()).containsExactly("third");
    assertThat(r.best().validation().value("third", "auc")).isGreaterThan(0.9);
    Tensor x = TrainerTest.data(50, 9, false).features();
    assertThat(three.predict(x, 16).get("sum").toArray()).containsExactly(two.predict(x, 16).get("sum").toArray());
    // a task that is absent from the data but not frozen cannot train: refused
    assertThatThrownBy(() -> new Trainer(TrainerTest.config().frozen("shared", "task:sum").build()).fit(three, onlyThird, null))
        .hasMessageContaining("training data has no labels for task 'sum'");
  }

  @Test
  void addedTaskStartsFromTheTrainedModelsParameters() {
    MultiTaskModel two = trainedTwoTaskModel();
    MultiTaskModel three = TaskSurgery.addTask(two, THIRD, 42);
    Tensor x = TrainerTest.data(50, 9, false).features();
    assertThat(three.predict(x, 16).get("sign").toArray()).containsExactly(two.predict(x, 16).get("sign").toArray());
    assertThat(three.predict(x, 16).get("sum").toArray()).containsExactly(two.predict(x, 16).get("sum").toArray());
    assertThatThrownBy(() -> TaskSurgery.addTask(two, Task.of("sign", TaskType.binary()), 1))
        .hasMessageContaining("duplicate task name 'sign'");
  }

  @Test
  void removingATaskKeepsTheOthersPredictionsExactly() {
    MultiTaskModel three = TaskSurgery.addTask(trainedTwoTaskModel(), THIRD, 42);
    new Trainer(TrainerTest.config().epochs(2).build()).fit(three, threeTasks(200, 5), null);
    MultiTaskModel withoutSum = TaskSurgery.removeTask(three, "sum");
    Tensor x = TrainerTest.data(50, 9, false).features();
    assertThat(withoutSum.tasks()).extracting(Task::name).containsExactly("sign", "third");
    for (String t : new String[] {"sign", "third"}) {
      assertThat(withoutSum.predict(x, 16).get(t).toArray()).containsExactly(three.predict(x, 16).get(t).toArray());
    }
    assertThatThrownBy(() -> TaskSurgery.removeTask(three, "nope")).hasMessageContaining("unknown task 'nope'");
    MultiTaskModel one = TaskSurgery.removeTask(withoutSum, "sign");
    assertThatThrownBy(() -> TaskSurgery.removeTask(one, "third")).hasMessageContaining("only task");
  }

  @Test
  void fineTuningALoadedModelWithTheSharedPartFrozenAdaptsOnlyTheHeads() {
    Path file = dir.resolve("m.mtl4j");
    ModelFile.save(file, trainedTwoTaskModel(), ModelMetadata.empty());
    MultiTaskModel m = ModelFile.load(file).model();
    float[] before = m.parameters().values().clone();
    // New data from a shifted distribution: the heads must adapt to a new offset of the sum target.
    Dataset shifted = TrainerTest.data(400, 11, false);
    float[] sum = shifted.labels("sum").data();
    for (int i = 0; i < shifted.rows(); i++) sum[i] += 2f;
    double rmseBefore = ModelEvaluator.evaluate(m, shifted).value("sum", "rmse");
    new Trainer(TrainerTest.config().epochs(5).frozen("shared").build()).fit(m, shifted, null);
    int shared = m.parameters().sharedSize();
    assertThat(Arrays.copyOf(m.parameters().values(), shared)).containsExactly(Arrays.copyOf(before, shared));
    assertThat(ModelEvaluator.evaluate(m, shifted).value("sum", "rmse")).isLessThan(rmseBefore * 0.7);
  }

}
