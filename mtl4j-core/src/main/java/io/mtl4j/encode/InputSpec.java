package io.mtl4j.encode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model's feature groups in order. The shared groups' outputs, concatenated in this order, are the architecture's
 * input ({@link #sharedWidth()}); each private group adds {@link EncoderSpec#outputSize()} to every head's input.
 */
public record InputSpec(List<EncoderSpec> groups) {
  public InputSpec {
    if (groups == null || groups.isEmpty()) throw new IllegalArgumentException("inputs: no feature groups");
    groups = List.copyOf(groups);
    Set<String> names = new HashSet<>();
    for (EncoderSpec g : groups) {
      if (!names.add(g.group())) throw new IllegalArgumentException("inputs: duplicate feature group '" + g.group() + "'");
    }
    if (groups.stream().allMatch(EncoderSpec::isPrivate)) {
      throw new IllegalArgumentException("inputs: every group is private; at least one must feed the shared architecture");
    }
  }

  /** Width of the architecture's input: the shared groups' outputs concatenated. */
  public int sharedWidth() {
    int w = 0;
    for (EncoderSpec g : groups) if (!g.isPrivate()) w += g.outputSize();
    return w;
  }

  /** Width each task's private encoders add to its head input. */
  public int privateWidth() {
    int w = 0;
    for (EncoderSpec g : groups) if (g.isPrivate()) w += g.outputSize();
    return w;
  }

  public List<Object> toList() {
    List<Object> out = new ArrayList<>();
    for (EncoderSpec g : groups) out.add(EncoderSpecs.toMap(g));
    return out;
  }

  /** Reads {@link #toList()}'s output; {@code where} is the key path for errors. */
  public static InputSpec fromList(Object raw, String where) {
    List<Map<String, ?>> maps = EncoderSpecs.maps(Map.of("groups", raw == null ? "" : raw), "groups", where);
    List<EncoderSpec> groups = new ArrayList<>();
    for (int i = 0; i < maps.size(); i++) groups.add(EncoderSpecs.fromMap(maps.get(i), where + "[" + i + "]"));
    return new InputSpec(groups);
  }
}
