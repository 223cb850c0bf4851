package io.mtl4j.analysis;

import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Dataset;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.task.Task;
import io.mtl4j.train.ModelEvaluator;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

/**
 * Trains one model of a spec's architecture on a subset of its tasks and scores each of those tasks: the unit that
 * pairwise transfer and grouped training are made of. Runs are kept by (subset, seed), so a single-task model trained
 * for the transfer measure is not trained again for the group comparison.
 */
public final class SubsetTraining {
  /**
   * Each task's primary metric (sign-flipped where lower is better, so higher is better), on the selection part
   * (what transfer and serving choices are made on) and the held-out part (what is reported); NaN outside the subset.
   */
  public record Scores(double[] selection, double[] heldOut) {}

  private final ModelSpec spec;
  private final Dataset train;
  private final Dataset selection;
  private final Dataset heldOut;
  private final TrainingConfig config;
  private final BiFunction<ModelSpec, Long, MultiTaskModel> models;
  private final Map<String, Scores> runs = new HashMap<>();
  private double seconds;

  /**
   * @param spec      the full model; subsets keep its architecture, heads and task definitions
   * @param selection rows that transfer gains and serving choices are measured on (e.g. validation)
   * @param heldOut   rows the comparison is reported on (e.g. test); may be {@code selection} when there is no other
   * @param config    training settings; each run replaces the seed by its own
   * @param models    a new model of a spec from a seed (e.g. {@link MultiTaskModel#create})
   */
  public SubsetTraining(ModelSpec spec, Dataset train, Dataset selection, Dataset heldOut, TrainingConfig config,
                        BiFunction<ModelSpec, Long, MultiTaskModel> models) {
    if (train == null || selection == null || heldOut == null) {
      throw new IllegalArgumentException("subset training needs training, selection and held-out rows; a split with "
          + "validation or test rows gives them");
    }
    for (Task t : spec.tasks()) {
      if (t.isProduct()) {
        throw new IllegalArgumentException("subset training: task '" + t.name() + "' is a product of other tasks "
            + t.productOf() + " and cannot be trained apart from them");
      }
    }
    this.spec = spec;
    this.train = train;
    this.selection = selection;
    this.heldOut = heldOut;
    this.config = config;
    this.models = models;
  }

  public List<String> tasks() {
    return spec.tasks().stream().map(Task::name).toList();
  }

  /** Scores of a model trained on the tasks {@code subset} (indices into {@link #tasks()}) from {@code seed}. */
  public Scores scores(int[] subset, long seed) {
    int[] sorted = IntStream.of(subset).sorted().distinct().toArray();
    String key = Arrays.toString(sorted) + "@" + seed;
    Scores cached = runs.get(key);
    if (cached != null) return cached;
    List<Task> tasks = IntStream.of(sorted).mapToObj(spec.tasks()::get).toList();
    ModelSpec sub = new ModelSpec(spec.inputs(), tasks, spec.architecture(), spec.head(), spec.groups());
    MultiTaskModel model = models.apply(sub, seed);
    long t0 = System.nanoTime();
    new Trainer(config.toBuilder().seed(seed).build()).fit(model, train, null);
    seconds += (System.nanoTime() - t0) / 1e9;
    Scores s = new Scores(score(model, selection, sorted), score(model, heldOut, sorted));
    runs.put(key, s);
    return s;
  }

  /** Models trained so far. */
  public int trainings() {
    return runs.size();
  }

  /** Seconds spent training them. */
  public double seconds() {
    return seconds;
  }

  private double[] score(MultiTaskModel model, Dataset data, int[] subset) {
    Evaluation e = ModelEvaluator.evaluate(model, data);
    double[] out = new double[spec.tasks().size()];
    Arrays.fill(out, Double.NaN);
    for (int t : subset) {
      Evaluation.Score s = e.primary(spec.tasks().get(t).name());
      out[t] = s.higherIsBetter() ? s.value() : -s.value();
    }
    return out;
  }
}
