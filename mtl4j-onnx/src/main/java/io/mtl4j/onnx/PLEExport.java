package io.mtl4j.onnx;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.PLE;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link PLE} and CGC (one level): per level shared and task experts, a softmax gate per task over its own and the
 * shared experts, and below the top a shared gate over all experts that feeds the next level's shared experts.
 */
final class PLEExport implements ArchitectureExport {
  @Override
  public String[] representations(Layers net, Architecture architecture, Architecture.Factory options, String x,
                                  int tasks) {
    PLE.Options o = (PLE.Options) options;
    int width = o.expertHidden()[o.expertHidden().length - 1];
    String[] taskIn = new String[tasks];
    Arrays.fill(taskIn, x);
    String sharedIn = x;
    for (int l = 0; l < o.levels(); l++) {
      String p = "level" + l;
      String sharedOut = o.sharedExperts() == 0 ? null : experts(net, sharedIn, p + ".shared", o.sharedExperts(), o);
      String[] taskOut = new String[tasks];
      String[] next = new String[tasks];
      for (int t = 0; t < tasks; t++) {
        taskOut[t] = o.taskExperts() == 0 ? null : experts(net, taskIn[t], p + ".task" + t, o.taskExperts(), o);
        next[t] = mix(net, taskIn[t], p + ".gate" + t, width, taskOut[t], sharedOut);
      }
      if (l < o.levels() - 1) {
        String[] pool = Arrays.copyOf(taskOut, tasks + 1);
        pool[tasks] = sharedOut;
        sharedIn = mix(net, sharedIn, p + ".sharedGate", width, pool);
      }
      taskIn = next;
    }
    return taskIn;
  }

  /** One expert group [B, in] → [B, E·H], as PLE's Experts.forward. */
  private static String experts(Layers net, String x, String prefix, int count, PLE.Options o) {
    String h = x;
    for (int l = 0; l < o.expertHidden().length; l++) {
      String layer = prefix + "." + l;
      h = net.activation(l == 0 ? net.linear(h, layer) : net.blockLinear(h, layer, count), o.activation());
    }
    return h;
  }

  /** The softmax gate {@code gate} of {@code input} over the present expert groups, in order. */
  private static String mix(Layers net, String input, String gate, int width, String... groups) {
    List<String> present = new ArrayList<>();
    for (String group : groups) if (group != null) present.add(group);
    int experts = net.shape(gate + ".weight")[1];
    return net.groupMixture(net.softmax(net.linear(input, gate)), present, experts, width);
  }
}
