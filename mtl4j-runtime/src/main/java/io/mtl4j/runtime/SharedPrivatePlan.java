package io.mtl4j.runtime;

/**
 * Adversarial shared-private (Liu, Qiu &amp; Huang, ACL 2017): each task reads [shared MLP; its private MLP]. The
 * discriminator and the difference loss act in training only.
 */
final class SharedPrivatePlan implements SharedPart {
  private final Mlp shared;
  private final Mlp[] own;
  private final int[] joined;
  private final int sharedWidth;
  private final int ownWidth;

  SharedPrivatePlan(SpecOptions o, Parameters p, int inputs, int input, int tasks, Arena arena) {
    Activation a = o.activation("activation");
    this.shared = new Mlp(p.mlp("shared", inputs, o.layers("hidden").length, a), input, arena);
    this.sharedWidth = shared.width(inputs);
    this.own = new Mlp[tasks];
    this.joined = new int[tasks];
    int w = 0;
    for (int t = 0; t < tasks; t++) {
      own[t] = new Mlp(p.mlp("task" + t + ".private", inputs, o.layers("privateHidden").length, a), input, arena);
      w = own[t].width(inputs);
      joined[t] = arena.take(sharedWidth + w);
    }
    this.ownWidth = w;
  }

  @Override
  public void forward(float[] s) {
    shared.forward(s);
    for (int t = 0; t < own.length; t++) {
      own[t].forward(s);
      System.arraycopy(s, shared.output(), s, joined[t], sharedWidth);
      System.arraycopy(s, own[t].output(), s, joined[t] + sharedWidth, ownWidth);
    }
  }

  @Override
  public int representation(int task) {
    return joined[task];
  }

  @Override
  public int width(int task) {
    return sharedWidth + ownWidth;
  }
}
