package io.mtl4j.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.io.ModelFile;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A task whose probability is the product of other tasks' (ESMM's CTCVR = CTR × CVR). */
class ProductTaskTest {
  private static final List<Task> TASKS = List.of(Task.of("ctr", TaskType.binary()), Task.of("cvr", TaskType.binary()),
      Task.of("ctcvr", TaskType.binary()).withProductOf("ctr", "cvr"));

  @ParameterizedTest
  @ValueSource(strings = {"shared-bottom", "mmoe", "single-task", "ple"})
  void predictsTheProductOfItsFactorsProbabilities(String architecture) {
    MultiTaskModel model = MultiTaskModel.create(new ModelSpec(5, TASKS, Architectures.byName(architecture),
        new Head.Options(4)), 3);
    Map<String, Tensor> p = model.predict(input(7, 5), 3);
    for (int r = 0; r < 7; r++) {
      assertThat(p.get("ctcvr").get(r)).isCloseTo(p.get("ctr").get(r) * p.get("cvr").get(r), within(1e-6f));
    }
  }

  @Test
  void hasNoHeadOfItsOwn() {
    MultiTaskModel model = MultiTaskModel.create(new ModelSpec(5, TASKS, new SharedBottom.Options(4), null), 1);
    assertThat(model.parameters().parameters()).extracting(p -> p.name())
        .anyMatch(n -> n.startsWith("head.cvr")).noneMatch(n -> n.startsWith("head.ctcvr"));
  }

  @Test
  void parameterGradientsReachBothFactorsHeadsThroughTheProduct() {
    MultiTaskModel model = MultiTaskModel.create(new ModelSpec(5, TASKS, new SharedBottom.Options(4), null), 1);
    float[] grads = new float[model.parameters().size()];
    io.mtl4j.nn.Graph g = new io.mtl4j.nn.Graph(model.parameters(), grads)
        .begin(io.mtl4j.nn.Mode.TRAIN, new SplittableRandom(1));
    // A pass asking for the product task alone still runs its factors' heads, and its gradient reaches them.
    var logits = model.forward(g, g.input(input(4, 5)), new int[] {2});
    g.tape().backward(io.mtl4j.autodiff.Reduce.sum(logits[2]));
    for (String head : List.of("head.ctr.out.weight", "head.cvr.out.weight")) {
      var p = model.parameters().get(head);
      double norm = 0;
      for (int i = p.offset(); i < p.offset() + p.size(); i++) norm += Math.abs(grads[i]);
      assertThat(norm).as(head).isPositive();
    }
  }

  @Test
  void survivesTheModelFileRoundTrip(@TempDir Path dir) {
    MultiTaskModel model = MultiTaskModel.create(new ModelSpec(5, TASKS, new SharedBottom.Options(4), null), 2);
    ModelFile.save(dir.resolve("m.mtl4j"), model);
    MultiTaskModel back = ModelFile.load(dir.resolve("m.mtl4j")).model();
    assertThat(back.tasks()).isEqualTo(model.tasks());
    Tensor x = input(6, 5);
    assertThat(back.predict(x, 6).get("ctcvr").toArray()).isEqualTo(model.predict(x, 6).get("ctcvr").toArray());
  }

  @Test
  void factorsMustBeOtherBinaryTasksWithHeads() {
    SharedBottom.Options arch = new SharedBottom.Options(4);
    Task ctr = Task.of("ctr", TaskType.binary());
    assertThatThrownBy(() -> new ModelSpec(5, List.of(ctr, Task.of("p", TaskType.binary()).withProductOf("ctr", "x")),
        arch, null)).hasMessageContaining("unknown task 'x'");
    assertThatThrownBy(() -> new ModelSpec(5, List.of(ctr, Task.of("r", TaskType.regression()),
        Task.of("p", TaskType.binary()).withProductOf("ctr", "r")), arch, null)).hasMessageContaining("binary task");
    assertThatThrownBy(() -> Task.of("p", TaskType.regression()).withProductOf("a", "b"))
        .hasMessageContaining("needs a binary task");
    assertThatThrownBy(() -> Task.of("p", TaskType.binary()).withProductOf("a"))
        .hasMessageContaining("two or more distinct");
  }

  private static Tensor input(int rows, int cols) {
    SplittableRandom r = new SplittableRandom(rows);
    Tensor x = Tensor.zeros(rows, cols);
    for (int i = 0; i < x.size(); i++) x.set(i, (float) r.nextGaussian());
    return x;
  }
}
