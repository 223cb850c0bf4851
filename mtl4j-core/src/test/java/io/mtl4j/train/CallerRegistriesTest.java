package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.MMoE;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.autodiff.Var;
import io.mtl4j.config.Registry;
import io.mtl4j.data.Dataset;
import io.mtl4j.io.ModelFile;
import io.mtl4j.metrics.LabelKind;
import io.mtl4j.metrics.Metric;
import io.mtl4j.metrics.MetricAccumulator;
import io.mtl4j.metrics.Metrics;
import io.mtl4j.task.LabelMask;
import io.mtl4j.task.Loss;
import io.mtl4j.task.Losses;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A loss and a metric that exist only in this test, bound through registries the caller passes. */
class CallerRegistriesTest {

  /** The built-in mse under another name, counting its calls: same weights as "mse" proves it is the one used. */
  static final class CountedMse implements Loss {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public String name() {
      return "counted-mse";
    }

    @Override
    public Var loss(Var logits, Tensor labels, LabelMask mask) {
      calls.incrementAndGet();
      return Losses.byName("mse").loss(logits, labels, mask);
    }
  }

  /** Largest absolute error over the labelled rows; lower is better. */
  record MaxError() implements Metric {
    @Override
    public String name() {
      return "max-error";
    }

    @Override
    public LabelKind kind() {
      return LabelKind.REGRESSION;
    }

    @Override
    public boolean higherIsBetter() {
      return false;
    }

    @Override
    public MetricAccumulator newAccumulator() {
      return new MetricAccumulator() {
        double max = Double.NaN;

        @Override
        public void add(float[] predictions, float[] labels, float[] mask, int rows, int width) {
          for (int i = 0; i < rows; i++) {
            if (mask != null && mask[i] == 0) continue;
            double e = Math.abs(predictions[i] - labels[i]);
            max = Double.isNaN(max) ? e : Math.max(max, e);
          }
        }

        @Override
        public double value() {
          return max;
        }
      };
    }
  }

  private final CountedMse loss = new CountedMse();
  private final Registry<Loss> losses = Losses.defaults().with("counted-mse", o -> loss);
  private final Registry<Metric.ForKind> metrics = Metrics.defaults().with("max-error", o -> kind -> {
    if (kind != LabelKind.REGRESSION) throw new IllegalArgumentException("max-error needs regression labels");
    return new MaxError();
  });

  private static MultiTaskModel model(String sumLoss, String... sumMetrics) {
    List<Task> tasks = List.of(new Task("sum", TaskType.regression(), sumLoss, 1.0, List.of(sumMetrics)),
        Task.of("sign", TaskType.binary(), "auc"));
    return MultiTaskModel.create(new ModelSpec(4, tasks, new MMoE.Options(3, 8), new Head.Options(4)), 1);
  }

  private TrainingConfig.Builder config() {
    return TrainerTest.config().losses(losses).metrics(metrics);
  }

  @Test
  void trainsWithALossDefinedOnlyByTheCaller() {
    MultiTaskModel mine = model("counted-mse", "rmse"), builtIn = model("mse", "rmse");
    Dataset train = TrainerTest.data(200, 3, true);
    new Trainer(config().build()).fit(mine, train, null);
    new Trainer(TrainerTest.config().build()).fit(builtIn, train, null);

    assertThat(loss.calls.get()).isGreaterThan(0);
    assertThat(mine.parameters().values()).containsExactly(builtIn.parameters().values());
  }

  @Test
  void evaluatesWithAMetricDefinedOnlyByTheCaller() {
    MultiTaskModel model = model("mse", "max-error", "rmse");
    Dataset data = TrainerTest.data(100, 5, false);
    new Trainer(config().build()).fit(model, TrainerTest.data(200, 3, true), data);

    float[] p = model.predict(data.features(), 4096).get("sum").toArray(), y = data.labels("sum").toArray();
    double expected = 0;
    for (int i = 0; i < p.length; i++) expected = Math.max(expected, Math.abs(p[i] - y[i]));
    var evaluation = ModelEvaluator.evaluate(model, data, metrics);
    assertThat(evaluation.value("sum", "max-error")).isEqualTo(expected);
    assertThat(evaluation.primary("sum").metric()).isEqualTo("max-error");
    assertThat(evaluation.primary("sum").higherIsBetter()).isFalse();
    assertThat(evaluation.metrics("sum")).containsExactly("max-error", "rmse");
  }

  @Test
  void withoutTheCallersRegistriesTheMissingLossAndMetricAreNamed() {
    List<Task> tasks = model("counted-mse", "max-error").tasks();
    assertThatThrownBy(() -> new Trainer(TrainerTest.config().build()).check(tasks))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("task 'sum': unknown loss 'counted-mse'; known: [bce,");
    assertThatThrownBy(() -> new Trainer(TrainerTest.config().losses(losses).build()).check(tasks))
        .hasMessageStartingWith("task 'sum' metrics [max-error]: unknown metric 'max-error'; known for regression:");
    new Trainer(config().build()).check(tasks);
  }

  @Test
  void aModelWithTheCallersNamesSavesAndLoadsAndEvaluatesOnlyWithTheirRegistry(@TempDir Path dir) {
    MultiTaskModel model = model("counted-mse", "max-error");
    Dataset data = TrainerTest.data(100, 5, false);
    new Trainer(config().build()).fit(model, TrainerTest.data(200, 3, true), null);
    Path file = dir.resolve("m.mtl4j");
    ModelFile.save(file, model);

    // Predicting needs neither the loss nor the metrics: the file records their names, and loading needs no registry.
    MultiTaskModel loaded = ModelFile.load(file).model();
    assertThat(loaded.tasks().get(0).loss()).isEqualTo("counted-mse");
    assertThat(loaded.tasks().get(0).metrics()).containsExactly("max-error");
    assertThat(ModelEvaluator.evaluate(loaded, data, metrics).value("sum", "max-error"))
        .isEqualTo(ModelEvaluator.evaluate(model, data, metrics).value("sum", "max-error"));
    assertThatThrownBy(() -> ModelEvaluator.evaluate(loaded, data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown metric 'max-error'");
    assertThatThrownBy(() -> new Trainer(TrainerTest.config().build()).fit(loaded, data, null))
        .hasMessageStartingWith("task 'sum': unknown loss 'counted-mse'");
  }
}
