package io.mtl4j.onnx;

import io.mtl4j.data.GroupedFeatures;
import io.mtl4j.encode.EncoderSpec;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.encode.TokenEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model's feature groups as ONNX: one graph input per group, named after it (a bag adds its weights), then the
 * encoders as {@code InputEncoders} runs them: the shared groups' encodings side by side are the architecture's input,
 * and each task's private encodings join its representation at its head.
 */
final class GroupsExport {
  /**
   * @param shared   the architecture's input [rows, sharedWidth]
   * @param privates per task, its private encodings [rows, privateWidth], or null when no group is private
   */
  record Encoded(String shared, String[] privates) {}

  private GroupsExport() {}

  /**
   * @param fitted the groups' preprocessing (raw columns in for dense groups), or null
   * @param bags   token groups read as weighted ids
   */
  static Encoded of(Layers net, InputSpec spec, List<String> tasks, GroupedFeatures fitted, Set<String> bags) {
    for (String b : bags) {
      boolean token = spec.groups().stream().anyMatch(s -> s.group().equals(b) && s instanceof TokenEncoder.Spec);
      if (!token) {
        throw new IllegalArgumentException("ONNX export: bag group '" + b + "' is not a token group of the model; its "
            + "groups: " + spec.groups().stream().map(s -> s.group() + " (" + s.kind() + ")").toList());
      }
    }
    Map<String, String[]> inputs = new LinkedHashMap<>();
    for (EncoderSpec s : spec.groups()) {
      inputs.put(s.group(), EncoderExports.of(s).inputs(net, s, fitted(fitted, s), bags.contains(s.group())));
    }
    String shared = encode(net, spec, inputs, false, s -> "encoder." + s.group());
    if (spec.privateWidth() == 0) return new Encoded(shared, null);
    String[] privates = new String[tasks.size()];
    for (int t = 0; t < privates.length; t++) {
      String task = tasks.get(t);
      privates[t] = encode(net, spec, inputs, true, s -> "task." + task + ".encoder." + s.group());
    }
    return new Encoded(shared, privates);
  }

  private static String encode(Layers net, InputSpec spec, Map<String, String[]> inputs, boolean isPrivate,
                               java.util.function.Function<EncoderSpec, String> prefix) {
    List<String> parts = new ArrayList<>();
    for (EncoderSpec s : spec.groups()) {
      if (s.isPrivate() == isPrivate) parts.add(EncoderExports.of(s).encode(net, s, prefix.apply(s), inputs.get(s.group())));
    }
    return net.concat(parts.toArray(String[]::new));
  }

  /** The fitted group feeding {@code s}, or null without preprocessing; a missing one is an error naming both. */
  private static GroupedFeatures.Group fitted(GroupedFeatures fitted, EncoderSpec s) {
    if (fitted == null) return null;
    for (GroupedFeatures.Group g : fitted.groups()) if (g.name().equals(s.group())) return g;
    throw new IllegalArgumentException("ONNX export: the model reads feature group '" + s.group() + "' but its "
        + "preprocessing fits only " + fitted.groups().stream().map(GroupedFeatures.Group::name).toList());
  }
}
