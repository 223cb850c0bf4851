package io.mtl4j.data;

/** How a multi-input step draws per-task batches when each task has its own dataset of its own size. */
public enum Sampling {
  /** Every step has one batch of every task; shorter tasks are reshuffled and cycled until the longest ends. */
  CYCLE,
  /** Each step trains one task, taking tasks in turn; a task whose data ran out is skipped until all have. */
  ROUND_ROBIN,
  /** Each step trains one task drawn with probability proportional to its number of rows. */
  PROPORTIONAL;

  /** Config name: cycle, round-robin, proportional. */
  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
