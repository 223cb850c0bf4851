package io.mtl4j.onnx;

import static io.mtl4j.onnx.OnnxGraph.attr;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.CrossStitch;

/**
 * {@link CrossStitch}: one column per task; after every layer the columns [B, T, H] are mixed by the layer's stitch
 * matrix α [T, T] (initial mixing plus the learned offset, folded into one constant).
 */
final class CrossStitchExport implements ArchitectureExport {
  @Override
  public String[] representations(Layers net, Architecture architecture, Architecture.Factory options, String x,
                                  int tasks) {
    CrossStitch.Options o = (CrossStitch.Options) options;
    CrossStitch stitch = (CrossStitch) architecture;
    OnnxGraph g = net.graph();
    String[] h = new String[tasks];
    java.util.Arrays.fill(h, x);
    for (int l = 0; l < o.hidden().length; l++) {
      int width = o.hidden()[l];
      String[] out = new String[tasks];
      for (int t = 0; t < tasks; t++) out[t] = net.dense(h[t], "task" + t + ".column." + l, o.activation());
      String columns = net.reshape(net.concat(out), 0, tasks, width);
      String mixed = g.op("MatMul", alpha(g, stitch.stitch(net.buffer(), l)), columns); // [B, T, H]
      for (int t = 0; t < tasks; t++) h[t] = g.op("Gather", mixed, g.longs("task", new long[] {t}), attr("axis", 1));
    }
    return h;
  }

  /** α as a float constant; CrossStitch sums the initial mixing and the offset in float, so the values are exact. */
  private static String alpha(OnnxGraph g, double[][] a) {
    int t = a.length;
    float[] values = new float[t * t];
    for (int i = 0; i < t; i++) for (int j = 0; j < t; j++) values[i * t + j] = (float) a[i][j];
    return g.floats("stitch", values, 0, t, t);
  }
}
