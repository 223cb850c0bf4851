package io.mtl4j.onnx;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.Branching;
import io.mtl4j.arch.LTB;

/**
 * {@link LTB} with its tree fixed (or, saved before that, its argmax tree, as evaluation reads it): each task's path
 * is a chain of dense layers, and a node shared by several paths is one node of the graph.
 */
final class LTBExport implements ArchitectureExport {
  @Override
  public String[] representations(Layers net, Architecture architecture, Architecture.Factory options, String x,
                                  int tasks) {
    LTB.Options o = (LTB.Options) options;
    Branching tree = ((LTB) architecture).branching(net.buffer());
    String[][] nodes = new String[tree.layers()][tasks]; // built once, the first time a path passes
    String[] out = new String[tasks];
    for (int t = 0; t < tasks; t++) {
      String h = x;
      for (int l = 0; l < tree.layers(); l++) {
        int n = tree.node(l, t);
        if (nodes[l][n] == null) nodes[l][n] = net.dense(h, "ltb.layer" + l + ".node" + n, o.activation());
        h = nodes[l][n];
      }
      out[t] = h;
    }
    return out;
  }
}
