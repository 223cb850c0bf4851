package io.mtl4j.runtime;

/**
 * Single-task and soft sharing: one MLP per task ({@code task<t>.net}). Soft sharing's tie is a training penalty
 * only, so at prediction time both are the same network.
 */
final class TaskNetworksPlan implements SharedPart {
  private final Mlp[] networks;
  private final int inputs;

  TaskNetworksPlan(SpecOptions o, Parameters p, int inputs, int input, int tasks, Arena arena) {
    int[] hidden = o.layers("hidden");
    Activation a = o.activation("activation");
    this.inputs = inputs;
    this.networks = new Mlp[tasks];
    for (int t = 0; t < tasks; t++) networks[t] = new Mlp(p.mlp("task" + t + ".net", inputs, hidden.length, a), input, arena);
  }

  @Override
  public void forward(float[] s) {
    for (Mlp n : networks) n.forward(s);
  }

  @Override
  public int representation(int task) {
    return networks[task].output();
  }

  @Override
  public int width(int task) {
    return networks[task].width(inputs);
  }
}
