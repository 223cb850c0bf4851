package io.mtl4j.analysis;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Dataset;
import io.mtl4j.task.Task;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingListener;
import io.mtl4j.train.TrainingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every relatedness measure of one data set and model, and the grouping they recommend: label statistics on the
 * training rows, then one training run with a {@link GradientProbe}, then {@link TaskGrouping} on the affinity.
 *
 * @param measures  by name: {@link LabelStatistics#MEASURES}, then gradientCosine, magnitudeRatio, affinity
 * @param gradients what the probe measured (per-layer cosines, samples, its time)
 * @param grouping  the recommended groups under the budget of models
 * @param allInOne  the total affinity of one model for all tasks, to which the grouping's score compares
 * @param training  the probed run
 * @param groupedBy the measure the grouping maximises: affinity unless {@link #groupedBy(String, int)} chose another
 */
public record Relatedness(Map<String, TaskMatrix> measures, GradientRelations gradients,
                          TaskGrouping.Grouping grouping, double allInOne, TrainingResult training, String groupedBy) {
  /**
   * Measures the tasks of {@code model} on {@code train}, training it with {@code config} (and {@code listeners}, e.g.
   * progress) while the probe samples; groups by affinity into at most {@code models} groups.
   */
  public static Relatedness measure(MultiTaskModel model, Dataset train, Dataset valid, TrainingConfig config,
                                    GradientProbe.Options probe, int models, TrainingListener... listeners) {
    List<Task> tasks = model.tasks();
    if (models > tasks.size()) {
      throw new IllegalArgumentException("a budget of " + models + " models for " + tasks.size() + " tasks: at most one "
          + "model per task");
    }
    Map<String, TaskMatrix> measures = new LinkedHashMap<>(LabelStatistics.of(train, tasks));
    GradientProbe gradientProbe = new GradientProbe(model, train, probe);
    TrainingListener[] all = Stream.concat(Stream.of(gradientProbe), Stream.of(listeners)).toArray(TrainingListener[]::new);
    TrainingResult result = new Trainer(config, all).fit(model, train, valid);
    GradientRelations g = gradientProbe.result();
    if (g.samples() == 0) {
      throw new IllegalArgumentException("relate: training ran " + result.steps() + " steps, fewer than the sampling "
          + "interval of " + probe.every() + ": sample more often or train for more epochs");
    }
    measures.put(g.cosine().measure(), g.cosine());
    measures.put(g.magnitudeRatio().measure(), g.magnitudeRatio());
    measures.put(g.affinity().measure(), g.affinity());
    TaskGrouping.Grouping grouping = TaskGrouping.choose(g.affinity().values(), models);
    return new Relatedness(java.util.Collections.unmodifiableMap(measures), g, grouping,
        TaskGrouping.allInOne(g.affinity().values()), result, g.affinity().measure());
  }

  /**
   * These measures and {@code extra} (e.g. {@link PairwiseTransfer#gain()}), which the agreement then ranks against
   * the others; the grouping stays as it is.
   */
  public Relatedness with(TaskMatrix extra) {
    Map<String, TaskMatrix> all = new LinkedHashMap<>(measures);
    all.put(extra.measure(), extra);
    return new Relatedness(java.util.Collections.unmodifiableMap(all), gradients, grouping, allInOne, training,
        groupedBy);
  }

  /**
   * The same measures grouped into at most {@code models} groups by {@code measure} instead, read as an affinity
   * (row i's help to column j; NaN counts as 0): e.g. the pairwise transfer gains or MTRL's correlation.
   */
  public Relatedness groupedBy(String measure, int models) {
    TaskMatrix m = measures.get(measure);
    if (m == null) {
      throw new IllegalArgumentException("no measure '" + measure + "' to group by; measured: " + measures.keySet());
    }
    return new Relatedness(measures, gradients, TaskGrouping.choose(m.values(), models),
        TaskGrouping.allInOne(m.values()), training, measure);
  }

  /** These measures and the learned ones when they were fitted (the agreement then ranks them with the others). */
  public Relatedness with(LearnedRelations learned) {
    return learned.fitted() ? with(learned.correlation()).with(learned.coCluster()) : this;
  }

  /** The recommended groups by task name. */
  public List<List<String>> groupNames() {
    List<String> names = measures.get(groupedBy).tasks();
    List<List<String>> out = new ArrayList<>();
    for (int[] g : grouping.groups()) out.add(java.util.Arrays.stream(g).mapToObj(names::get).toList());
    return out;
  }

  /**
   * How far the measures agree: for each pair of measures (magnitude ratios left out: they measure scale, not
   * relatedness), Spearman's ρ between their symmetrised values over the task pairs i < j where both are defined.
   */
  public Map<String, Double> agreement() {
    List<String> names = measures.keySet().stream().filter(m -> !m.equals("magnitudeRatio")).toList();
    Map<String, Double> out = new LinkedHashMap<>();
    for (int a = 0; a < names.size(); a++) {
      for (int b = a + 1; b < names.size(); b++) {
        out.put(names.get(a) + " ~ " + names.get(b), rankCorrelation(measures.get(names.get(a)), measures.get(names.get(b))));
      }
    }
    return out;
  }

  private static double rankCorrelation(TaskMatrix x, TaskMatrix y) {
    double[][] sx = x.symmetrised(), sy = y.symmetrised();
    List<double[]> pairs = new ArrayList<>();
    for (int i = 0; i < sx.length; i++) {
      for (int j = i + 1; j < sx.length; j++) {
        if (!Double.isNaN(sx[i][j]) && !Double.isNaN(sy[i][j])) pairs.add(new double[] {sx[i][j], sy[i][j]});
      }
    }
    if (pairs.size() < 3) return Double.NaN;
    return Association.spearman(pairs.stream().mapToDouble(p -> p[0]).toArray(), pairs.stream().mapToDouble(p -> p[1]).toArray());
  }

  /** Pairs (i < j) whose signed measure, symmetrised, is at most {@code threshold}: the pairs it flags as opposed. */
  public static List<List<String>> negativePairs(TaskMatrix m, double threshold) {
    double[][] s = m.symmetrised();
    List<List<String>> pairs = new ArrayList<>();
    for (int i = 0; i < s.length; i++) {
      for (int j = i + 1; j < s.length; j++) if (s[i][j] <= threshold) pairs.add(List.of(m.tasks().get(i), m.tasks().get(j)));
    }
    return pairs;
  }
}
