package io.mtl4j.runtime;

/**
 * A task's head and the step from logits to what {@code predict} gives: the tower, the output layer, the task type's
 * activation (sigmoid, softmax or none, as core's {@code TaskType.activate}) and, for a standardised regression
 * target, y = z·std + mean in double (core's {@code TargetScaling.original}).
 */
final class HeadPlan {
  private final Mlp tower;
  private final Dense output;
  private final int logits;
  private final String kind;
  private final double mean;
  private final double std;

  /** @param std the target's standardisation; 0 when the values are not scaled */
  HeadPlan(Parameters p, String task, String kind, int width, SpecOptions head, int representation,
           int representationWidth, double mean, double std, Arena arena) {
    int[] hidden = head.layers("hidden");
    Activation a = head.activation("activation");
    tower = new Mlp(p.mlp("head." + task + ".tower", representationWidth, hidden.length, a), representation, arena);
    output = p.dense("head." + task + ".out", tower.width(representationWidth), width, Activation.IDENTITY);
    logits = arena.take(width);
    this.kind = kind;
    this.mean = mean;
    this.std = std;
  }

  /** Writes the task's predictions to {@code out[at, at + width)}. */
  void forward(float[] s, float[] out, int at) {
    tower.forward(s);
    output.forward(s, tower.output(), logits);
    int width = output.outputWidth();
    switch (kind) {
      case "binary", "multilabel" -> {
        for (int i = 0; i < width; i++) s[logits + i] = Activation.sigmoid(s[logits + i]);
      }
      case "multiclass" -> Activation.softmax(s, logits, width);
      default -> {
        if (std > 0) s[logits] = (float) (s[logits] * std + mean);
      }
    }
    System.arraycopy(s, logits, out, at, width);
  }
}
