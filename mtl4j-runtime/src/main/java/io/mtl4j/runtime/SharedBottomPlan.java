package io.mtl4j.runtime;

/** Shared-bottom (Caruana, 1997): one MLP ({@code bottom}) whose output every head reads. */
final class SharedBottomPlan implements SharedPart {
  private final Mlp bottom;
  private final int inputs;

  SharedBottomPlan(SpecOptions o, Parameters p, int inputs, int input, int tasks, Arena arena) {
    this.inputs = inputs;
    this.bottom = new Mlp(p.mlp("bottom", inputs, o.layers("hidden").length, o.activation("activation")), input, arena);
  }

  @Override
  public void forward(float[] s) {
    bottom.forward(s);
  }

  @Override
  public int representation(int task) {
    return bottom.output();
  }

  @Override
  public int width(int task) {
    return bottom.width(inputs);
  }
}
