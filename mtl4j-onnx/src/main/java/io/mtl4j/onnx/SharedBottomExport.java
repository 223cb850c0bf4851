package io.mtl4j.onnx;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.SharedBottom;
import java.util.Arrays;

/** {@link SharedBottom}: one MLP whose output every head reads. */
final class SharedBottomExport implements ArchitectureExport {
  @Override
  public String[] representations(Layers net, Architecture architecture, Architecture.Factory options, String x,
                                  int tasks) {
    SharedBottom.Options o = (SharedBottom.Options) options;
    String[] out = new String[tasks];
    Arrays.fill(out, net.mlp(x, "bottom", o.hidden().length, o.activation()));
    return out;
  }
}
