package io.mtl4j.io;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a model came from.
 *
 * @param dataSha256   SHA-256 (hex) of the training data, or null when unknown
 * @param seed         run seed
 * @param threads      data-parallel workers of the run (with the seed, what bit-identical reruns need)
 * @param mtl4jVersion version of the library that wrote the file
 * @param timestamp    ISO-8601 instant of writing, or null; the only field allowed to differ between reruns
 */
public record Provenance(String dataSha256, long seed, int threads, String mtl4jVersion, String timestamp) {
  public Provenance {
    mtl4jVersion = mtl4jVersion == null ? ModelFile.MTL4J_VERSION : mtl4jVersion;
  }

  public static Provenance of(String dataSha256, long seed, int threads) {
    return new Provenance(dataSha256, seed, threads, ModelFile.MTL4J_VERSION, java.time.Instant.now().toString());
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dataSha256", dataSha256);
    m.put("seed", seed);
    m.put("threads", threads);
    m.put("mtl4jVersion", mtl4jVersion);
    m.put("timestamp", timestamp);
    return m;
  }

  static Provenance fromMap(Map<String, ?> m) {
    if (m == null) return new Provenance(null, 0, 1, "unknown", null);
    return new Provenance((String) m.get("dataSha256"), m.get("seed") instanceof Number n ? n.longValue() : 0,
        m.get("threads") instanceof Number n ? n.intValue() : 1, (String) m.get("mtl4jVersion"),
        (String) m.get("timestamp"));
  }
}
