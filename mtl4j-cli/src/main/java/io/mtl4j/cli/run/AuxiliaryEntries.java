package io.mtl4j.cli.run;

import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.data.AuxiliaryTargets;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.SelfTargetOptions;
import io.mtl4j.task.Auxiliary;
import io.mtl4j.task.Task;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A config task's {@code auxiliary:} value: absent or {@code false} (a main task), {@code true} (an auxiliary task
 * with label columns), or a mapping {@code {targets, of, vocabulary}} (targets computed from the input, bound by
 * {@link SelfTargetOptions}); and the datasets given those tasks' targets.
 */
public final class AuxiliaryEntries {
  private AuxiliaryEntries() {}

  /** Whether the entry's targets come from the input: it then has no label columns and no label encoder. */
  public static boolean fromInput(RunConfig.TaskEntry e) {
    return options(e) != null;
  }

  /** What makes a task with label columns auxiliary (null: a main task); see {@link #fromInput}. */
  static Auxiliary labelled(RunConfig.TaskEntry e) {
    return options(e) == null && Boolean.TRUE.equals(e.auxiliary()) ? Auxiliary.labelled() : null;
  }

  /**
   * The entry's {@link SelfTargetOptions}, or null for a task read from label columns.
   *
   * @throws IllegalArgumentException naming {@code tasks.NAME.auxiliary} for a value that is neither a boolean nor a
   *                                  mapping, a bad mapping, or label keys beside targets from the input
   */
  @SuppressWarnings("unchecked")
  static SelfTargetOptions options(RunConfig.TaskEntry e) {
    Object a = e.auxiliary();
    String path = "tasks." + e.name() + ".auxiliary";
    if (a == null || a instanceof Boolean) return null;
    if (!(a instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(path + " = '" + a + "': expected true, false or a mapping "
          + "{targets: reconstruction | masked-token, of: GROUP, vocabulary: N}");
    }
    SelfTargetOptions o = SelfTargetOptions.bind(path, (Map<String, ?>) map);
    if (e.column() != null || e.columns() != null || e.type() != null || e.productOf() != null) {
      throw new IllegalArgumentException("tasks." + e.name() + ": its targets come from the input (" + o.targets()
          + "), so it takes no column, columns, type or productOf");
    }
    return o;
  }

  /** The entry's task from the fitted inputs of {@code p}, with the entry's weight, loss and metrics when given. */
  static Task task(RunConfig.TaskEntry e, Preprocessing p) {
    Task t = options(e).task(e.name(), p.groups() == null ? null : p.groups().inputSpec(), p.width(),
        "tasks." + e.name() + ".auxiliary");
    return new Task(t.name(), t.type(), e.loss(), e.weight() == null ? t.weight() : e.weight(),
        e.metrics() == null ? t.metrics() : e.metrics(), List.of(), t.auxiliary());
  }

  /**
   * Single-input {@code x} with the targets of the tasks that compute theirs from the input (reconstruction,
   * masked-token) added to each part, from streams split from {@code seed}; {@code x} itself when no task does.
   * Multi-input data get theirs per task as they are encoded ({@code MultiInput}).
   */
  static Experiment withTargets(Experiment x, long seed) {
    List<Task> tasks = x.tasks();
    if (x.train == null || tasks.stream().noneMatch(t -> t.isAuxiliary() && t.auxiliary().fromInput())) return x;
    return new Experiment(x.config, x.table, x.split, x.preprocessing, fill(x.train, tasks, partSeed(seed, 0)),
        fill(x.valid, tasks, partSeed(seed, 1)), fill(x.test, tasks, partSeed(seed, 2)), null, null, null,
        x.readSeconds, x.preprocessSeconds);
  }

  /**
   * The test part of a run with {@code seed} given its self-computed targets as {@link #withTargets} gave them, so that
   * {@code evaluate} reproduces the run's test metrics.
   */
  public static Dataset testPart(Dataset data, List<Task> tasks, long seed) {
    return fill(data, tasks, partSeed(seed, 2));
  }

  /** The seed of part {@code k} (0 train, 1 validation, 2 test): the k-th draw of a stream seeded by the run's seed. */
  static long partSeed(long seed, int k) {
    SplittableRandom parts = new SplittableRandom(seed);
    for (int i = 0; i < k; i++) parts.nextLong();
    return parts.nextLong();
  }

  /** {@code data} with the targets of every task of {@code tasks} that computes them from the input (null: null). */
  static Dataset fill(Dataset data, List<Task> tasks, long seed) {
    return data == null ? null : AuxiliaryTargets.fill(data, tasks, seed);
  }
}
