package io.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.autodiff.Elementwise;
import io.mtl4j.autodiff.Var;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mode;
import io.mtl4j.task.LabelMask;
import io.mtl4j.task.Task;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.testkit.GradCheck;
import java.util.SplittableRandom;

/** Finite differences of Σ_t w_t·L_t (each task's loss on its labelled rows) against every parameter's gradient. */
final class AuxiliaryGradients {
  private AuxiliaryGradients() {}

  /** For a model with smooth activations: a ReLU kink inside ±EPS breaks central differences. */
  static void assertParameterGradients(MultiTaskModel model, Dataset data) {
    float[] values = model.parameters().values();
    float[] grads = new float[values.length];
    Graph g = new Graph(model.parameters(), grads).begin(Mode.TRAIN, new SplittableRandom(1));
    g.tape().backward(objective(model, g, data));
    for (int i = 0; i < values.length; i++) {
      float saved = values[i];
      values[i] = (float) (saved + GradCheck.EPS);
      double up = value(model, data);
      values[i] = (float) (saved - GradCheck.EPS);
      double down = value(model, data);
      values[i] = saved;
      double numeric = (up - down) / (2 * GradCheck.EPS);
      assertThat(Math.abs(grads[i] - numeric))
          .as("parameter element %d: analytic %s vs numeric %s", i, grads[i], numeric)
          .isLessThanOrEqualTo(GradCheck.ABS_TOL + GradCheck.REL_TOL * Math.abs(numeric));
    }
  }

  private static Var objective(MultiTaskModel model, Graph g, Dataset data) {
    Var[] logits = model.run(g, data.features(), data.groups(), model.allTasks()).logits();
    Var total = null;
    for (int t = 0; t < logits.length; t++) {
      Task task = model.tasks().get(t);
      Tensor valid = data.mask(task.name());
      double labelled = 0;
      for (int r = 0; r < valid.size(); r++) labelled += valid.get(r);
      Var loss = task.newLoss().loss(logits[t], data.labels(task.name()), new LabelMask(valid, labelled));
      Var weighted = Elementwise.scale(loss, (float) task.weight());
      total = total == null ? weighted : Elementwise.add(total, weighted);
    }
    return total;
  }

  private static double value(MultiTaskModel model, Dataset data) {
    Graph g = new Graph(model.parameters(), new float[model.parameters().size()]).begin(Mode.TRAIN,
        new SplittableRandom(1));
    return objective(model, g, data).item();
  }
}
