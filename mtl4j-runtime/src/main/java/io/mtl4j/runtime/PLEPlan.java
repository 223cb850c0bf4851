package io.mtl4j.runtime;

import java.util.Arrays;

/**
 * PLE (Tang et al., RecSys 2020) and CGC, its one-level form: per level shared and task-specific experts, a softmax
 * gate per task over its own and the shared experts, and below the top a shared gate over all experts that feeds the
 * next level's shared experts.
 */
final class PLEPlan implements SharedPart {
  /** One extraction level; a null expert group is absent (zero experts of that kind). */
  private record Level(Experts shared, Experts[] task, Dense[] taskGates, int[] taskGateOut, int[] taskOut,
                       Dense sharedGate, int sharedGateOut, int sharedOut, int[] taskIn, int sharedIn) {}

  private final Level[] levels;
  private final int width;

  PLEPlan(SpecOptions o, Parameters p, int inputs, int input, int tasks, Arena arena) {
    int levelCount = o.integer("levels"), sharedCount = o.integer("sharedExperts"), taskCount = o.integer("taskExperts");
    if (levelCount < 1) throw o.bad("levels", "≥ 1");
    if (sharedCount < 0 || taskCount < 0 || sharedCount + taskCount == 0) {
      throw o.bad("sharedExperts", "≥ 0, with taskExperts ≥ 0 and at least one expert");
    }
    int[] hidden = o.layers("expertHidden");
    if (hidden.length == 0) throw o.bad("expertHidden", "at least one layer");
    Activation a = o.activation("activation");
    width = hidden[hidden.length - 1];
    levels = new Level[levelCount];
    int[] taskIn = new int[tasks];
    Arrays.fill(taskIn, input);
    int sharedIn = input, in = inputs;
    for (int l = 0; l < levelCount; l++) {
      String prefix = "level" + l;
      boolean top = l == levelCount - 1;
      Experts shared = sharedCount == 0 ? null
          : new Experts(p, prefix + ".shared", sharedCount, hidden, a, in, sharedIn, arena);
      Experts[] task = new Experts[tasks];
      Dense[] gates = new Dense[tasks];
      int[] gateOut = new int[tasks], out = new int[tasks];
      for (int t = 0; t < tasks; t++) {
        task[t] = taskCount == 0 ? null : new Experts(p, prefix + ".task" + t, taskCount, hidden, a, in, taskIn[t], arena);
        gates[t] = p.dense(prefix + ".gate" + t, in, taskCount + sharedCount, Activation.IDENTITY);
        gateOut[t] = arena.take(gates[t].outputWidth());
        out[t] = arena.take(width);
      }
      Dense sharedGate = top ? null
          : p.dense(prefix + ".sharedGate", in, tasks * taskCount + sharedCount, Activation.IDENTITY);
      int sharedGateOut = top ? -1 : arena.take(sharedGate.outputWidth());
      int sharedOut = top ? -1 : arena.take(width);
      levels[l] = new Level(shared, task, gates, gateOut, out, sharedGate, sharedGateOut, sharedOut, taskIn.clone(),
          sharedIn);
      taskIn = out;
      sharedIn = sharedOut;
      in = width;
    }
  }

  @Override
  public void forward(float[] s) {
    for (Level level : levels) {
      if (level.shared != null) level.shared.forward(s);
      for (int t = 0; t < level.task.length; t++) {
        if (level.task[t] != null) level.task[t].forward(s);
        gate(s, level.taskGates[t], level.taskIn[t], level.taskGateOut[t]);
        Arrays.fill(s, level.taskOut[t], level.taskOut[t] + width, 0f);
        int g = level.taskGateOut[t];
        if (level.task[t] != null) {
          level.task[t].mixInto(s, g, level.taskOut[t]);
          g += level.task[t].count;
        }
        if (level.shared != null) level.shared.mixInto(s, g, level.taskOut[t]);
      }
      if (level.sharedGate != null) {
        gate(s, level.sharedGate, level.sharedIn, level.sharedGateOut);
        Arrays.fill(s, level.sharedOut, level.sharedOut + width, 0f);
        int g = level.sharedGateOut;
        for (Experts e : level.task) {
          if (e == null) continue;
          e.mixInto(s, g, level.sharedOut);
          g += e.count;
        }
        if (level.shared != null) level.shared.mixInto(s, g, level.sharedOut);
      }
    }
  }

  private static void gate(float[] s, Dense gate, int in, int out) {
    gate.forward(s, in, out);
    Activation.softmax(s, out, gate.outputWidth());
  }

  @Override
  public int representation(int task) {
    return levels[levels.length - 1].taskOut[task];
  }

  @Override
  public int width(int task) {
    return width;
  }
}
