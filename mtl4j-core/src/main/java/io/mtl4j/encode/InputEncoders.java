package io.mtl4j.encode;

import io.mtl4j.autodiff.ConcatSplit;
import io.mtl4j.autodiff.Var;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Parameter;
import io.mtl4j.nn.ParameterBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoders of an {@link InputSpec}, built on a parameter builder: one instance per shared group (owner SHARED,
 * so gradient weightings see it as shared) and one per task per private group (owned by that task).
 */
public final class InputEncoders {
  private final InputSpec spec;
  private final List<Encoder> shared = new ArrayList<>();
  private final List<List<Encoder>> privates = new ArrayList<>();

  /** Declares every encoder's parameters; {@code tasks} are the task names, in model order. */
  public InputEncoders(InputSpec spec, List<String> tasks, ParameterBuffer.Builder builder) {
    this.spec = spec;
    for (EncoderSpec g : spec.groups()) {
      if (!g.isPrivate()) shared.add(g.create(builder, "encoder." + g.group(), Parameter.SHARED));
    }
    for (int t = 0; t < tasks.size(); t++) {
      List<Encoder> own = new ArrayList<>();
      for (EncoderSpec g : spec.groups()) {
        if (g.isPrivate()) own.add(g.create(builder, "task." + tasks.get(t) + ".encoder." + g.group(), t));
      }
      privates.add(own);
    }
  }

  public InputSpec spec() {
    return spec;
  }

  /** The architecture's input [B, sharedWidth]: the shared groups' encodings side by side. */
  public Var encodeShared(Graph g, FeatureRows rows) {
    return encodeShared(g, rows, null).input();
  }

  /**
   * The shared encodings and one image group's feature map.
   *
   * @param input      [B, sharedWidth]
   * @param featureMap [B, C, h, w], or null when none was asked for
   */
  public record Shared(Var input, Var featureMap) {}

  /**
   * The architecture's input and, when {@code mapGroup} names a shared image group, that group's feature map on the
   * way (the trunk runs once for both: a dense head reads the map, the architecture its flattened form).
   */
  public Shared encodeShared(Graph g, FeatureRows rows, String mapGroup) {
    Var[] map = new Var[1];
    Var input = encode(g, rows, shared, false, mapGroup, map);
    return new Shared(input, map[0]);
  }

  /** Task t's private encodings [B, privateWidth], or null when the spec has no private group. */
  public Var encodePrivate(Graph g, FeatureRows rows, int task) {
    List<Encoder> own = privates.get(task);
    return own.isEmpty() ? null : encode(g, rows, own, true, null, null);
  }

  /** Encodes the groups of one side; the image group named {@code mapGroup} leaves its feature map in map[0]. */
  private Var encode(Graph g, FeatureRows rows, List<Encoder> encoders, boolean isPrivate, String mapGroup,
                     Var[] map) {
    Var[] parts = new Var[encoders.size()];
    int i = 0;
    for (EncoderSpec s : spec.groups()) {
      if (s.isPrivate() != isPrivate) continue;
      Encoder e = encoders.get(i);
      if (s.group().equals(mapGroup) && e instanceof ImageEncoder image) {
        map[0] = image.featureMap(g, rows.group(s.group()));
        parts[i] = image.encodeMap(map[0]);
      } else {
        parts[i] = e.encode(g, rows.group(s.group()));
      }
      i++;
    }
    return parts.length == 1 ? parts[0] : ConcatSplit.concat(1, parts);
  }
}
