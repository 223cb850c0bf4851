package io.mtl4j.onnx;

import io.mtl4j.encode.CategoricalEncoder;
import io.mtl4j.encode.DenseEncoder;
import io.mtl4j.encode.EncoderSpec;
import io.mtl4j.encode.ImageEncoder;
import io.mtl4j.encode.TokenEncoder;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which {@link EncoderExport} translates a feature group, by its spec record. Add an exporter class here, a parity
 * case in {@code OnnxEncoderParityTest}, and one line below.
 */
final class EncoderExports {
  private static final Map<Class<?>, EncoderExport> BY_SPEC = Map.of(
      DenseEncoder.Spec.class, new DenseGroupExport(),
      CategoricalEncoder.Spec.class, new CategoricalExport(),
      TokenEncoder.Spec.class, new TokenExport(),
      ImageEncoder.Spec.class, new ImageExport());

  private EncoderExports() {}

  /** The exporter of {@code spec}; an IllegalArgumentException naming the group and the exportable kinds. */
  static EncoderExport of(EncoderSpec spec) {
    EncoderExport e = BY_SPEC.get(spec.getClass());
    if (e == null) {
      TreeSet<String> known = new TreeSet<>();
      for (Class<?> c : BY_SPEC.keySet()) known.add(c.getEnclosingClass().getSimpleName());
      throw new IllegalArgumentException("feature group '" + spec.group() + "' (kind " + spec.kind() + ", "
          + spec.getClass().getName() + ") has no ONNX export; exportable encoders: " + known);
    }
    return e;
  }
}
