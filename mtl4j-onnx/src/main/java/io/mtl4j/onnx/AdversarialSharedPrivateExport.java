package io.mtl4j.onnx;

import io.mtl4j.arch.AdversarialSharedPrivate;
import io.mtl4j.arch.Architecture;

/**
 * {@link AdversarialSharedPrivate}: each task reads [shared MLP; its private MLP]. The discriminator and the
 * difference loss act in training only, so they are not part of the graph.
 */
final class AdversarialSharedPrivateExport implements ArchitectureExport {
  @Override
  public String[] representations(Layers net, Architecture architecture, Architecture.Factory options, String x,
                                  int tasks) {
    AdversarialSharedPrivate.Options o = (AdversarialSharedPrivate.Options) options;
    String shared = net.mlp(x, "shared", o.hidden().length, o.activation());
    String[] out = new String[tasks];
    for (int t = 0; t < tasks; t++) {
      out[t] = net.concat(shared, net.mlp(x, "task" + t + ".private", o.privateHidden().length, o.activation()));
    }
    return out;
  }
}
