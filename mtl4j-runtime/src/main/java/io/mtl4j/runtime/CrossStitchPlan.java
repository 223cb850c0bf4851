package io.mtl4j.runtime;

/**
 * Cross-stitch networks (Misra et al., CVPR 2016): one column per task; after every layer the columns are mixed by
 * the layer's stitch matrix α [T, T], the initial mixing plus the learned offset {@code stitch.<l>}, summed once here.
 */
final class CrossStitchPlan implements SharedPart {
  private final Dense[][] columns; // [layer][task]
  private final int[][] columnOut;
  private final int[][] mixed;
  private final float[][] alpha;   // [layer][T·T]
  private final int input;

  CrossStitchPlan(SpecOptions o, Parameters p, int inputs, int input, int tasks, Arena arena) {
    int[] hidden = o.layers("hidden");
    if (hidden.length == 0) throw o.bad("hidden", "at least one layer");
    Activation a = o.activation("activation");
    double self = o.number("selfWeight");
    this.input = input;
    columns = new Dense[hidden.length][tasks];
    columnOut = new int[hidden.length][tasks];
    mixed = new int[hidden.length][tasks];
    alpha = new float[hidden.length][];
    int in = inputs;
    for (int l = 0; l < hidden.length; l++) {
      for (int t = 0; t < tasks; t++) {
        columns[l][t] = p.dense("task" + t + ".column." + l, in, hidden[l], a);
        columnOut[l][t] = arena.take(hidden[l]);
        mixed[l][t] = arena.take(hidden[l]);
      }
      alpha[l] = alpha(p, "stitch." + l, tasks, self);
      in = hidden[l];
    }
  }

  /** CrossStitch's initial mixing (α_S on the diagonal, (1 − α_S)/(T − 1) off it) plus the offset, in float. */
  private static float[] alpha(Parameters p, String name, int tasks, double self) {
    int[] shape = p.shape(name);
    if (shape.length != 2 || shape[0] != tasks || shape[1] != tasks) {
      throw new io.mtl4j.io.ModelFileException(p.file(), "parameter '" + name + "' has shape "
          + java.util.Arrays.toString(shape) + ", expected [" + tasks + ", " + tasks + "]");
    }
    float[] offset = p.values(name), a = new float[tasks * tasks];
    float diagonal = (float) self, off = (float) (tasks == 1 ? 0 : (1 - self) / (tasks - 1));
    for (int i = 0; i < tasks; i++) {
      for (int j = 0; j < tasks; j++) a[i * tasks + j] = offset[i * tasks + j] + (i == j ? diagonal : off);
    }
    return a;
  }

  @Override
  public void forward(float[] s) {
    int tasks = alpha.length == 0 ? 0 : mixed[0].length;
    for (int l = 0; l < columns.length; l++) {
      int width = columns[l][0].outputWidth();
      for (int t = 0; t < tasks; t++) columns[l][t].forward(s, l == 0 ? input : mixed[l - 1][t], columnOut[l][t]);
      float[] a = alpha[l];
      for (int i = 0; i < tasks; i++) {
        int dst = mixed[l][i];
        java.util.Arrays.fill(s, dst, dst + width, 0f);
        for (int j = 0; j < tasks; j++) {
          float c = a[i * tasks + j];
          int src = columnOut[l][j];
          for (int h = 0; h < width; h++) s[dst + h] += c * s[src + h];
        }
      }
    }
  }

  @Override
  public int representation(int task) {
    return mixed[mixed.length - 1][task];
  }

  @Override
  public int width(int task) {
    return columns[columns.length - 1][task].outputWidth();
  }
}
