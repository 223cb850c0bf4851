package io.mtl4j.cli.study;

import io.mtl4j.io.AtomicWrite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a planted task cost each model: for every variant {@code M+planted} run beside its plain {@code M}, the change
 * of the mean accuracy over the real tasks, paired by seed, with its spread, and the planted task's own test accuracy
 * (a planted task that is not learnt cannot conflict).
 */
final class ConflictSummary {
  private ConflictSummary() {}

  /** The summary table: one row per planted variant with a plain twin; seeds where only one of them ran are left out. */
  static String table(List<SharedVsSingle.Run> runs) {
    StringBuilder b = new StringBuilder("| model | seeds | without | with | change | change per seed "
        + "| planted task's accuracy |\n| --- | ---: | ---: | ---: | ---: | --- | ---: |\n");
    for (String planted : runs.stream().map(SharedVsSingle.Run::model).distinct().toList()) {
      int plus = planted.indexOf('+');
      if (plus < 0) continue;
      Map<Integer, SharedVsSingle.Run> plain = bySeed(runs, planted.substring(0, plus));
      List<Double> without = new ArrayList<>(), with = new ArrayList<>(), change = new ArrayList<>(), own = new ArrayList<>();
      for (Map.Entry<Integer, SharedVsSingle.Run> e : bySeed(runs, planted).entrySet()) {
        SharedVsSingle.Run twin = plain.get(e.getKey());
        if (twin == null) continue;
        without.add(100 * SharedVsSingle.mean(twin.accuracy()));
        with.add(100 * SharedVsSingle.mean(e.getValue().accuracy()));
        change.add(with.get(with.size() - 1) - without.get(without.size() - 1));
        own.add(100 * SharedVsSingle.mean(e.getValue().extraAccuracy()));
      }
      if (change.isEmpty()) continue;
      StringBuilder perSeed = new StringBuilder();
      for (double c : change) perSeed.append(perSeed.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%+.2f", c));
      b.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s |%n", planted, change.size(),
          spread(without, "%.2f"), spread(with, "%.2f"), spread(change, "%+.2f"), perSeed, spread(own, "%.2f")));
    }
    return b.toString();
  }

  /** Prints the {@link #table} and writes it as {@code conflict.md} in {@code out}, whole then renamed. */
  static void report(Path out, List<SharedVsSingle.Run> runs) {
    String table = table(runs);
    System.out.println();
    System.out.print(table);
    AtomicWrite.write(out.resolve("conflict.md"), table.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<Integer, SharedVsSingle.Run> bySeed(List<SharedVsSingle.Run> runs, String model) {
    Map<Integer, SharedVsSingle.Run> out = new LinkedHashMap<>();
    for (SharedVsSingle.Run r : runs) if (r.model().equals(model)) out.put(r.seed(), r);
    return out;
  }

  /** "mean ± sample standard deviation" (just the mean of one value). */
  private static String spread(List<Double> values, String format) {
    double[] ms = StudyReport.meanSd(values);
    if (values.size() < 2) return String.format(Locale.ROOT, format, ms[0]);
    return String.format(Locale.ROOT, format + " ± %.2f", ms[0], ms[1]);
  }
}
