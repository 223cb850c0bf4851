package io.mtl4j.onnx;

import io.mtl4j.arch.AdversarialSharedPrivate;
import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.CrossStitch;
import io.mtl4j.arch.LTB;
import io.mtl4j.arch.MMoE;
import io.mtl4j.arch.MTAN;
import io.mtl4j.arch.PLE;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.arch.SingleTask;
import io.mtl4j.arch.SoftSharing;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which {@link ArchitectureExport} translates an architecture, by its options record. Add an exporter class here, a
 * parity case in {@code OnnxParityTest}, and one line below.
 */
final class ArchitectureExports {
  private static final Map<Class<?>, ArchitectureExport> BY_OPTIONS = Map.of(
      SingleTask.Options.class, new TaskNetworksExport(),
      SoftSharing.Options.class, new TaskNetworksExport(),
      SharedBottom.Options.class, new SharedBottomExport(),
      MMoE.Options.class, new MMoEExport(),
      PLE.Options.class, new PLEExport(),
      CrossStitch.Options.class, new CrossStitchExport(),
      MTAN.Options.class, new MTANExport(),
      LTB.Options.class, new LTBExport(),
      AdversarialSharedPrivate.Options.class, new AdversarialSharedPrivateExport());

  private ArchitectureExports() {}

  /** The exporter of {@code options}; an IllegalArgumentException saying why when there is none. */
  static ArchitectureExport of(Architecture.Factory options) {
    ArchitectureExport e = BY_OPTIONS.get(options.getClass());
    if (e == null) {
      TreeSet<String> known = new TreeSet<>();
      for (Class<?> c : BY_OPTIONS.keySet()) known.add(c.getEnclosingClass().getSimpleName());
      throw new IllegalArgumentException("architecture '" + options.name() + "' (" + options.getClass().getName()
          + ") has no ONNX export; exportable architectures: " + known);
    }
    return e;
  }
}
