package io.mtl4j.onnx;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.SingleTask;
import io.mtl4j.arch.SoftSharing;
import io.mtl4j.nn.Activation;

/**
 * {@link SingleTask} and {@link SoftSharing}: one MLP per task ({@code task<t>.net}). Soft sharing's tie is a training
 * penalty only, so at prediction time both are the same network.
 */
final class TaskNetworksExport implements ArchitectureExport {
  @Override
  public String[] representations(Layers net, Architecture architecture, Architecture.Factory options, String x,
                                  int tasks) {
    int layers;
    Activation activation;
    if (options instanceof SoftSharing.Options o) {
      layers = o.hidden().length;
      activation = o.activation();
    } else {
      SingleTask.Options o = (SingleTask.Options) options;
      layers = o.hidden().length;
      activation = o.activation();
    }
    String[] out = new String[tasks];
    for (int t = 0; t < tasks; t++) out[t] = net.mlp(x, "task" + t + ".net", layers, activation);
    return out;
  }
}
