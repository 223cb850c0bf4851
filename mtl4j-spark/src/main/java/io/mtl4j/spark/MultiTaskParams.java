package io.mtl4j.spark;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.Architectures;
import io.mtl4j.arch.LTB;
import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.ModelSpecMaps;
import io.mtl4j.task.Task;
import io.mtl4j.train.TrainingConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Spark ML Params of {@link MultiTaskEstimator} and {@link MultiTaskSparkModel}, declared once: the column Params
 * both share (same names, so {@code copyValues} carries them from estimator to model) and the training Params,
 * named as the YAML keys of {@code training.*} and turned into core's validated {@link TrainingConfig} and
 * {@link ModelSpec}.
 */
final class MultiTaskParams {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private MultiTaskParams() {}

  static Param<String> featuresCol(Params owner) {
    return new Param<>(owner.uid(), "featuresCol", "the features vector column (when featureCols is empty)");
  }

  static StringArrayParam featureCols(Params owner) {
    return new StringArrayParam(owner, "featureCols", "numeric feature columns, used instead of featuresCol");
  }

  static StringArrayParam labelCols(Params owner) {
    return new StringArrayParam(owner, "labelCols", "one numeric label column per task; the column names the task");
  }

  static Param<String> predictionPrefix(Params owner) {
    return new Param<>(owner.uid(), "predictionPrefix", "transform adds one column <prefix><task> per task");
  }

  static StringArrayParam taskTypes(Params owner) {
    return new StringArrayParam(owner, "taskTypes", "per label column: binary, regression or multiclass:<classes>");
  }

  static Param<String> name(Params owner, String name, String doc) {
    return new Param<>(owner.uid(), name, doc);
  }

  static IntParam positive(Params owner, String name, String doc) {
    return new IntParam(owner, name, doc, ParamValidators.gt(0));
  }

  static DoubleParam learningRate(Params owner) {
    return new DoubleParam(owner, "learningRate", "the optimizer's base learning rate", ParamValidators.gt(0));
  }

  static DoubleParam gradClipNorm(Params owner) {
    return new DoubleParam(owner, "gradClipNorm", "clip the global gradient norm to this (0 disables)",
        ParamValidators.gtEq(0));
  }

  static LongParam seed(Params owner) {
    return new LongParam(owner, "seed", "the run's seed: initialisation, shuffles, weighting streams");
  }

  static Param<String> strategy(Params owner) {
    return new Param<>(owner.uid(), "strategy", "sync: one exact global step per batch; barrier: the same steps, "
        + "partials allreduced among the tasks of one barrier stage per epoch; averaging: model averaging (localSteps "
        + "local steps per partition, then the parameters are averaged)",
        ParamValidators.inArray(new String[] {"sync", "barrier", "averaging"}));
  }

  /** The tasks: one per label column, of the declared type, with the type's default loss and metric. */
  static List<Task> tasks(String[] labelCols, String[] taskTypes) {
    if (labelCols.length == 0) throw new IllegalArgumentException("labelCols: give at least one label column");
    if (taskTypes.length != labelCols.length) {
      throw new IllegalArgumentException("taskTypes: " + taskTypes.length + " types for " + labelCols.length
          + " labelCols; give one type per label column");
    }
    List<Task> tasks = new ArrayList<>();
    for (int t = 0; t < labelCols.length; t++) {
      String[] kind = taskTypes[t].split(":", 2);
      if (kind[0].equals("multilabel")) {
        throw new IllegalArgumentException("taskTypes[" + t + "] = 'multilabel': one label column per task cannot "
            + "hold several labels; give each label its own binary task");
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", labelCols[t]);
      m.put("type", kind[0]);
      if (kind.length == 2) m.put("classes", integer(kind[1], "taskTypes[" + t + "]"));
      m.put("metrics", List.of(kind[0].equals("regression") ? "rmse" : kind[0].equals("binary") ? "auc" : "accuracy"));
      tasks.add(ModelSpecMaps.taskFromMap(m, "taskTypes[" + t + "]"));
    }
    return tasks;
  }

  static ModelSpec spec(int inputs, List<Task> tasks, String architecture, String architectureOptions) {
    Architecture.Factory factory = Architectures.create(architecture, json(architectureOptions, "architectureOptions"));
    if (factory instanceof LTB.Options) {
      // Its temperature and the epoch its tree is fixed at follow the training epoch, which partitions are not told.
      throw new IllegalArgumentException("architecture: 'ltb' learns its tree on an epoch schedule that Spark "
          + "training does not pass to its partitions; train it with 'mtl4j train' (the model file then predicts here)");
    }
    return new ModelSpec(inputs, tasks, factory, new Head.Options());
  }

  static TrainingConfig config(int epochs, int batchSize, long seed, String optimizer, double learningRate,
                               double gradClipNorm, String weighting, String weightingOptions) {
    return TrainingConfig.builder().epochs(epochs).batchSize(batchSize).seed(seed).threads(1).patience(0)
        .optimizer(optimizer, Map.of("learningRate", learningRate)).gradClipNorm(gradClipNorm)
        .weighting(weighting, json(weightingOptions, "weightingOptions")).build();
  }

  /** A JSON object of options by record component name ({@code {"experts": 4}}). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String text, String param) {
    try {
      Object value = JSON.readValue(text, Object.class);
      if (value instanceof Map<?, ?> map) return (Map<String, Object>) map;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(param + ": '" + text + "' is not a JSON object: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(param + ": '" + text + "' is not a JSON object, e.g. {\"experts\": 4}");
  }

  private static int integer(String text, String where) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": '" + text + "' after ':' is not a class count", e);
    }
  }
}
