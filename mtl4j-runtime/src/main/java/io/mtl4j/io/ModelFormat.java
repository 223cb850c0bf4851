package io.mtl4j.io;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;

/**
 * What identifies a model file's {@value #DOCUMENT}: its format name and version, and its kind (a deep network or a
 * classical linear model). Readers call {@link #checkVersion} and {@link #checkKind} before they interpret anything
 * else, so a file of another kind or from a newer mtl4j fails with a message that says so.
 */
public final class ModelFormat {
  public static final String DOCUMENT = "model.json";
  public static final String FORMAT = "mtl4j-model";
  /** Version written; files with a higher version are refused (written by a newer mtl4j). */
  public static final int FORMAT_VERSION = 1;
  /** {@code kind} of a deep model's document (files without the key are deep: written before classical ones). */
  public static final String DEEP = "deep";
  /** {@code kind} of a classical linear model's document. */
  public static final String CLASSICAL = "classical";
  public static final String MTL4J_VERSION = version();

  private ModelFormat() {}

  /** Refuses another kind of file and a version newer than {@code supported}. */
  public static void checkVersion(Path file, Map<String, Object> doc, String format, int supported) {
    if (!format.equals(doc.get("format"))) {
      throw new ModelFileException(file, "format is '" + doc.get("format") + "', expected '" + format + "'");
    }
    // An exact JSON integer: intValue() would read 1.9 and 2^32 + 1 as version 1.
    Object raw = doc.get("formatVersion");
    if (!(raw instanceof Integer || raw instanceof Long || raw instanceof BigInteger)) {
      throw new ModelFileException(file, "has formatVersion " + (raw instanceof String ? "'" + raw + "'" : raw)
          + ", expected a whole number from 1 to " + supported);
    }
    BigInteger v = new BigInteger(raw.toString());
    if (v.signum() < 1) {
      throw new ModelFileException(file, "has formatVersion " + v + ", expected a whole number from 1 to " + supported);
    }
    if (v.compareTo(BigInteger.valueOf(supported)) > 0) {
      throw new ModelFileException(file, "has format version " + v + ", this mtl4j (" + MTL4J_VERSION
          + ") reads versions up to " + supported + ": it was written by a newer mtl4j; upgrade to load it");
    }
  }

  /** Refuses a model file of the other kind (deep vs classical), naming the loader that reads it. */
  public static void checkKind(Path file, Map<String, Object> doc, String expected) {
    String kind = String.valueOf(doc.getOrDefault("kind", DEEP));
    if (kind.equals(expected)) return;
    String hint = kind.equals(CLASSICAL)
        ? "a classical linear model (formulation '" + formulation(doc) + "'); load it with ClassicalModelFile.load"
        : kind.equals(DEEP) ? "a deep model; load it with ModelFile.load (mtl4j predict)"
        : "a model of unknown kind '" + kind + "'";
    throw new ModelFileException(file, "holds " + hint + ", not a " + expected + " model");
  }

  private static Object formulation(Map<String, Object> doc) {
    return doc.get("model") instanceof Map<?, ?> m ? m.get("formulation") : null;
  }

  private static String version() {
    String v = ModelFormat.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }
}
