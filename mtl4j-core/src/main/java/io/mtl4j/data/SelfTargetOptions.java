package io.mtl4j.data;

import io.mtl4j.config.OptionBinder;
import io.mtl4j.encode.DenseEncoder;
import io.mtl4j.encode.EncoderSpec;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.encode.TokenEncoder;
import io.mtl4j.task.Task;
import java.util.List;
import java.util.Map;

/**
 * A config's auxiliary task whose targets come from the input ({@code tasks[].auxiliary: {targets, of, vocabulary}}),
 * bound through {@link OptionBinder}, and the {@link Task} it stands for once the inputs are fitted: the same
 * {@link Task#reconstruction} or {@link Task#maskedToken} the Java API builds.
 *
 * @param targets    {@code reconstruction} or {@code masked-token} (the names of {@link AuxiliaryTargets#defaults()})
 * @param of         the input group read: a dense group (reconstruction; null: the features matrix) or a tokens group
 *                   (masked-token, required)
 * @param vocabulary masked-token: the softmax covers the group's first {@code vocabulary} ids (a fitted vocabulary
 *                   numbers its words most frequent first); 0: the whole vocabulary. Reconstruction: must stay 0
 */
public record SelfTargetOptions(String targets, String of, int vocabulary) {
  private static final SelfTargetOptions DEFAULTS = new SelfTargetOptions("reconstruction", null, 0);

  public SelfTargetOptions {
    if (targets == null || !AuxiliaryTargets.defaults().contains(targets)) {
      throw new IllegalArgumentException("targets = " + targets + ", expected one of "
          + AuxiliaryTargets.defaults().names());
    }
    targets = AuxiliaryTargets.defaults().canonicalName(targets);
    if (vocabulary < 0) throw new IllegalArgumentException("vocabulary = " + vocabulary + ", expected ≥ 0 (0: all)");
    boolean masked = "masked-token".equals(targets); // fields are not assigned yet: isMaskedToken() would read null
    if (masked && of == null) {
      throw new IllegalArgumentException("of is missing: masked-token needs the tokens group whose tokens it hides");
    }
    if (!masked && vocabulary != 0) {
      throw new IllegalArgumentException("vocabulary is for masked-token, not " + targets);
    }
  }

  /**
   * The mapping at {@code path} ({@code tasks.recon.auxiliary}) bound and checked; messages name the path and key.
   *
   * @throws IllegalArgumentException for an unknown key, a missing or unknown {@code targets}, or a bad value
   */
  public static SelfTargetOptions bind(String path, Map<String, ?> map) {
    if (!OptionBinder.hasKey(map, "targets")) {
      throw new IllegalArgumentException(path + ".targets is missing; expected one of " + AuxiliaryTargets.defaults().names());
    }
    return OptionBinder.bind(path, SelfTargetOptions.class, DEFAULTS, map);
  }

  /**
   * The task named {@code name} these options make, sized from the fitted inputs.
   *
   * @param inputs       the fitted feature groups, or null when the rows are one features matrix
   * @param featureWidth the features matrix's width (used when {@code inputs} is null)
   * @param path         the options' key path, for messages
   * @throws IllegalArgumentException naming {@code path.of} for an unknown group or a group of the wrong kind
   */
  public Task task(String name, InputSpec inputs, int featureWidth, String path) {
    if (of == null) {
      if (inputs != null) {
        throw new IllegalArgumentException(path + ".of is missing: the inputs are groups " + groupNames(inputs)
            + "; name the dense group to reconstruct");
      }
      return Task.reconstruction(name, featureWidth, null);
    }
    if (inputs == null) {
      throw new IllegalArgumentException(path + ".of = '" + of + "': the config declares no inputs: groups; "
          + (isMaskedToken() ? "masked-token needs a tokens group" : "leave 'of' out to reconstruct the features"));
    }
    EncoderSpec group = inputs.groups().stream().filter(g -> g.group().equals(of)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(path + ".of = '" + of + "': no such input group; groups: "
            + groupNames(inputs)));
    if (isMaskedToken()) {
      if (!(group instanceof TokenEncoder.Spec text)) throw wrongKind(path, group, "tokens");
      int cap = vocabulary == 0 ? text.vocabulary() : Math.min(vocabulary, text.vocabulary());
      return Task.maskedToken(name, cap, of);
    }
    if (!(group instanceof DenseEncoder.Spec dense)) throw wrongKind(path, group, "dense");
    return Task.reconstruction(name, dense.width(), of);
  }

  private boolean isMaskedToken() {
    return "masked-token".equals(targets);
  }

  private IllegalArgumentException wrongKind(String path, EncoderSpec group, String expected) {
    return new IllegalArgumentException(path + ".of = '" + of + "': a " + group.kind() + " group; " + targets
        + " needs a " + expected + " group");
  }

  private static List<String> groupNames(InputSpec inputs) {
    return inputs.groups().stream().map(EncoderSpec::group).toList();
  }
}
