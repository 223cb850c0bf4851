package io.mtl4j.arch;

import static io.mtl4j.testkit.GradCheck.assertGradients;

import io.mtl4j.autodiff.ConcatSplit;
import io.mtl4j.autodiff.Var;
import io.mtl4j.nn.Activation;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mode;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whole models, architecture + heads, differentiate correctly end to end (w.r.t. the input). */
class ModelGradientTest {
  /** Smooth activations: a finite difference across a ReLU kink says nothing about the gradient. */
  static Stream<Architecture.Factory> architectures() {
    Activation tanh = Activation.TANH;
    return Stream.of(new SingleTask.Options(new int[] {5}, tanh, 0), new SharedBottom.Options(new int[] {6, 4}, tanh, 0),
        new MMoE.Options(3, new int[] {4}, tanh, 0), new MMoE.Options(2, new int[] {5, 3}, tanh, 0));
  }

  @ParameterizedTest
  @MethodSource("architectures")
  void logitsOfEveryTaskHaveCorrectInputGradients(Architecture.Factory architecture) {
    List<Task> tasks = List.of(Task.of("a", TaskType.binary()), Task.of("b", TaskType.multiclass(3)));
    MultiTaskModel model = MultiTaskModel.create(new ModelSpec(4, tasks, architecture, new Head.Options(new int[] {3}, Activation.TANH, 0)), 7);
    Graph graph = new Graph(model.parameters(), null);
    assertGradients(v -> {
      graph.begin(Mode.EVAL, new SplittableRandom(0));
      Var[] logits = model.forward(graph, v[0], model.allTasks());
      return ConcatSplit.concat(1, logits[0], logits[1]);
    }, 11, new int[] {5, 4});
  }
}
