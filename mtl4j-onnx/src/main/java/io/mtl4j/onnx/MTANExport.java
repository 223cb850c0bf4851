package io.mtl4j.onnx;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.MTAN;

/** {@link MTAN}: a shared trunk; per task and layer a sigmoid mask over the trunk's features (Eq. 1). */
final class MTANExport implements ArchitectureExport {
  @Override
  public String[] representations(Layers net, Architecture architecture, Architecture.Factory options, String x,
                                  int tasks) {
    MTAN.Options o = (MTAN.Options) options;
    OnnxGraph g = net.graph();
    String h = x;
    String[] attended = new String[tasks];
    for (int l = 0; l < o.hidden().length; l++) {
      h = net.dense(h, "trunk." + l, o.activation());
      String[] next = new String[tasks];
      for (int t = 0; t < tasks; t++) {
        String features = l == 0 ? h : net.concat(h, attended[t]);
        String mask = g.op("Sigmoid", net.linear(features, "task" + t + ".attention." + l));
        next[t] = g.op("Mul", h, mask);
      }
      attended = next;
    }
    return attended;
  }
}
