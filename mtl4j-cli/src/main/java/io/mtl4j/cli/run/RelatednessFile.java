package io.mtl4j.cli.run;

import io.mtl4j.analysis.GradientProbe;
import io.mtl4j.analysis.PairFlags;
import io.mtl4j.analysis.Relatedness;
import io.mtl4j.analysis.TaskGrouping;
import io.mtl4j.analysis.TaskMatrix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of {@code relatedness.json}: each measure's T×T matrix by task name with the counts behind it, the
 * gradient cosines per shared layer, the pairs each measure flags with its rule ({@link PairFlags}), the measures'
 * agreement, the recommended groups and their predicted gain. NaN (undefined) is written as null.
 */
public final class RelatednessFile {
  /** 2: {@code flagged_pairs} (each measure's rule and pairs) replaced {@code negativePairs} and its thresholds. */
  public static final int FORMAT_VERSION = 2;

  private RelatednessFile() {}

  public static Map<String, Object> of(Relatedness r, GradientProbe.Options probe, int models, int trainRows) {
    List<String> tasks = r.measures().get("affinity").tasks();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("formatVersion", FORMAT_VERSION);
    m.put("command", "relate");
    m.put("tasks", tasks);
    m.put("trainRows", trainRows);
    Map<String, Object> measures = new LinkedHashMap<>();
    r.measures().forEach((name, matrix) -> measures.put(name, matrix(matrix)));
    m.put("measures", measures);
    Map<String, Object> layers = new LinkedHashMap<>();
    r.gradients().cosineByLayer().forEach((name, matrix) -> layers.put(name, rows(matrix.values())));
    m.put("gradientCosineByLayer", layers);
    m.put("sampling", sampling(r, probe));
    m.put("flagged_pairs", flagged(r));
    Map<String, Object> agreement = new LinkedHashMap<>();
    r.agreement().forEach((k, v) -> agreement.put(k, number(v)));
    m.put("agreement", agreement);
    m.put("models", models);
    m.put("groupedBy", r.groupedBy());
    m.put("recommended_groups", r.groupNames());
    m.put("servedBy", servedBy(r, tasks));
    m.put("predictedGain", gain(r.grouping(), r.allInOne()));
    return m;
  }

  /** Per measure that flags pairs: its rule (in words, kind and threshold) and the pairs it flags. */
  private static Map<String, Object> flagged(Relatedness r) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (PairFlags rule : PairFlags.rules(r.measures().keySet())) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("kind", rule.kind() == PairFlags.Kind.CONFLICTING ? "conflicting" : "dependentButOpposed");
      f.put("threshold", rule.threshold());
      f.put("rule", rule.rule());
      f.put("pairs", rule.pairs(r.measures()));
      out.put(rule.measure(), f);
    }
    return out;
  }

  private static Map<String, Object> matrix(TaskMatrix matrix) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("symmetric", matrix.symmetric());
    out.put("values", rows(matrix.values()));
    out.put("counts", matrix.counts());
    return out;
  }

  private static Map<String, Object> sampling(Relatedness r, GradientProbe.Options probe) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("every", probe.every());
    s.put("rows", probe.rows());
    s.put("lookahead", probe.lookahead() > 0 ? probe.lookahead() : "learning rate");
    s.put("samples", r.gradients().samples());
    s.put("steps", r.training().steps());
    s.put("probeSeconds", r.gradients().seconds());
    s.put("trainSeconds", r.training().seconds());
    double without = r.training().seconds() - r.gradients().seconds();
    s.put("overhead", number(without > 0 ? r.gradients().seconds() / without : Double.NaN));
    return s;
  }

  /** Each task's serving group (index into recommended_groups) and its predicted score there (affinity by default). */
  private static Map<String, Object> servedBy(Relatedness r, List<String> tasks) {
    double[][] a = r.measures().get(r.groupedBy()).values();
    Map<String, Object> out = new LinkedHashMap<>();
    for (int j = 0; j < tasks.size(); j++) {
      int g = r.grouping().servedBy()[j];
      out.put(tasks.get(j), Map.of("group", g, r.groupedBy(), number(TaskGrouping.perTask(a, r.grouping().groups().get(g))[j])));
    }
    return out;
  }

  private static Map<String, Object> gain(TaskGrouping.Grouping g, double allInOne) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("score", number(g.score()));
    out.put("allInOne", number(allInOne));
    out.put("singleTask", 0.0);
    out.put("overAllInOne", number(g.score() - allInOne));
    return out;
  }

  static List<List<Object>> rows(double[][] values) {
    List<List<Object>> out = new ArrayList<>();
    for (double[] row : values) {
      List<Object> r = new ArrayList<>();
      for (double v : row) r.add(number(v));
      out.add(r);
    }
    return out;
  }

  static Object number(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
