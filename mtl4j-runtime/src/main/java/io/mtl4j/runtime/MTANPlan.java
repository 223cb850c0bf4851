package io.mtl4j.runtime;

/**
 * MTAN (Liu et al., CVPR 2019), its dense form: a shared trunk; per task and layer a sigmoid mask over the trunk's
 * features (Eq. 1), which from the second layer on also reads the task's attended features of the layer below.
 */
final class MTANPlan implements SharedPart {
  private final Dense[] trunk;
  private final int[] trunkOut;
  private final Dense[][] masks;  // [layer][task], sigmoid included
  private final int[][] maskIn;   // layer ≥ 1: the trunk's and the task's attended features side by side
  private final int[][] attended;
  private final int input;

  MTANPlan(SpecOptions o, Parameters p, int inputs, int input, int tasks, Arena arena) {
    int[] hidden = o.layers("hidden");
    if (hidden.length == 0) throw o.bad("hidden", "at least one layer");
    Activation a = o.activation("activation");
    this.input = input;
    trunk = new Dense[hidden.length];
    trunkOut = new int[hidden.length];
    masks = new Dense[hidden.length][tasks];
    maskIn = new int[hidden.length][tasks];
    attended = new int[hidden.length][tasks];
    int in = inputs;
    for (int l = 0; l < hidden.length; l++) {
      trunk[l] = p.dense("trunk." + l, in, hidden[l], a);
      trunkOut[l] = arena.take(hidden[l]);
      int width = l == 0 ? hidden[0] : hidden[l] + hidden[l - 1];
      for (int t = 0; t < tasks; t++) {
        masks[l][t] = p.dense("task" + t + ".attention." + l, width, hidden[l], Activation.SIGMOID);
        maskIn[l][t] = l == 0 ? trunkOut[0] : arena.take(width);
        attended[l][t] = arena.take(hidden[l]);
      }
      in = hidden[l];
    }
  }

  @Override
  public void forward(float[] s) {
    for (int l = 0; l < trunk.length; l++) {
      trunk[l].forward(s, l == 0 ? input : trunkOut[l - 1], trunkOut[l]);
      int width = trunk[l].outputWidth();
      for (int t = 0; t < masks[l].length; t++) {
        if (l > 0) {
          System.arraycopy(s, trunkOut[l], s, maskIn[l][t], width);
          System.arraycopy(s, attended[l - 1][t], s, maskIn[l][t] + width, trunk[l - 1].outputWidth());
        }
        int mask = attended[l][t];
        masks[l][t].forward(s, maskIn[l][t], mask);
        for (int h = 0; h < width; h++) s[mask + h] *= s[trunkOut[l] + h];
      }
    }
  }

  @Override
  public int representation(int task) {
    return attended[attended.length - 1][task];
  }

  @Override
  public int width(int task) {
    return trunk[trunk.length - 1].outputWidth();
  }
}
