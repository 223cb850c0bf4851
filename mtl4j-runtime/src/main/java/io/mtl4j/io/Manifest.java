package io.mtl4j.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@value TensorArchive#MANIFEST} entry of a {@link TensorArchive}: one {@code sha256sum} line per entry. Parsed
 * before any other entry is inflated, so an entry it does not list is refused unread.
 */
final class Manifest {
  private Manifest() {}

  /** Entry name → expected SHA-256 hex; refuses bad lines and any difference from the zip's {@code entries}. */
  static Map<String, String> parse(Path file, byte[] bytes, Set<String> entries) {
    Map<String, String> expected = new LinkedHashMap<>();
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) continue;
      int sep = line.indexOf("  ");
      if (sep != 64 || !line.substring(0, 64).matches("[0-9a-f]{64}")) {
        throw new ModelFileException(file, "is corrupted: bad manifest line '" + abbreviate(line) + "'");
      }
      expected.put(line.substring(sep + 2), line.substring(0, sep));
    }
    for (String name : entries) {
      if (name.equals(TensorArchive.MANIFEST) || name.equals(TensorArchive.HMAC)) continue;
      if (!expected.containsKey(name)) {
        throw new ModelFileException(file, "is corrupted: entry '" + name + "' is not in the manifest");
      }
    }
    Set<String> missing = new TreeSet<>(expected.keySet());
    missing.removeAll(entries);
    if (!missing.isEmpty()) {
      String shown = missing.size() <= 10 ? missing.toString()
          : missing.stream().limit(10).toList() + " and " + (missing.size() - 10) + " more";
      throw new ModelFileException(file, "is truncated: missing entries " + shown);
    }
    return expected;
  }

  private static String abbreviate(String line) {
    return line.length() <= 200 ? line : line.substring(0, 200) + "…";
  }
}
