package io.mtl4j.task;

/**
 * What makes a task auxiliary: it is trained like any task, with its own weight, but it is not a goal, so every
 * average over tasks leaves it out (an {@code Evaluation}'s averages and Δm%, model selection, early stopping), and
 * the CLI's {@code predict} writes its columns only when asked ({@code --auxiliary}).
 *
 * @param targets {@link #LABELS} when the task's targets are data columns like a main task's; otherwise the registry
 *                name of targets computed from the input rows themselves ({@code data.SelfTargets}: reconstruction, masked-token),
 *                which every row has, labelled for the main tasks or not
 * @param of      the input group such targets are computed from, or null for the features matrix (unused for labels)
 */
public record Auxiliary(String targets, String of) {
  /** Targets read from the data like a main task's. */
  public static final String LABELS = "labels";

  public Auxiliary {
    if (targets == null || targets.isBlank()) {
      throw new IllegalArgumentException("Auxiliary: targets is empty; expected '" + LABELS + "' or a target name");
    }
    if (of != null && of.isBlank()) throw new IllegalArgumentException("Auxiliary: 'of' is blank; expected a group");
  }

  /** An auxiliary task whose targets are its own data columns. */
  public static Auxiliary labelled() {
    return new Auxiliary(LABELS, null);
  }

  /** Whether the targets are computed from the input rows rather than read from label columns. */
  public boolean fromInput() {
    return !LABELS.equals(targets);
  }
}
