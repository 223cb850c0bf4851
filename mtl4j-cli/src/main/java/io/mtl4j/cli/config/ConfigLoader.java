package io.mtl4j.cli.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a {@link RunConfig} from YAML (Jackson 3). Unknown keys are refused with a "did you mean" suggestion; every
 * error names the file, line and column, the key path and what was expected.
 */
public final class ConfigLoader {
  private static final YAMLMapper MAPPER = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  private ConfigLoader() {}

  public static RunConfig load(Path file) {
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException("config file " + file + " does not exist");
    DuplicateKeys.check(file, MAPPER);
    RunConfig config;
    try {
      config = MAPPER.readValue(file.toFile(), RunConfig.class);
    } catch (JacksonException e) {
      throw new ConfigException(message(file, e), e);
    }
    return required(file, config);
  }

  /** The file's YAML tree, for variants of the config (tuning trials, folds) that {@link #bind} checks. */
  static tools.jackson.databind.JsonNode tree(Path file) {
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException("config file " + file + " does not exist");
    DuplicateKeys.check(file, MAPPER);
    try {
      return MAPPER.readTree(file.toFile());
    } catch (JacksonException e) {
      throw new ConfigException(message(file, e), e);
    }
  }

  /** A tree read from {@code file} and changed, bound and checked exactly as {@link #load} checks the file. */
  static RunConfig bind(Path file, tools.jackson.databind.JsonNode tree) {
    try {
      return required(file, MAPPER.treeToValue(tree, RunConfig.class));
    } catch (JacksonException e) {
      throw new ConfigException(message(file, e), e);
    }
  }

  static tools.jackson.databind.JsonNode toTree(Object value) {
    return MAPPER.valueToTree(value);
  }

  private static RunConfig required(Path file, RunConfig config) {
    if (config == null) throw new ConfigException(file + ": the config is empty", null);
    if (config.data() == null) throw new ConfigException(file + ": key 'data' is missing (input files)", null);
    if (config.classical() == null && (config.tasks() == null || config.tasks().isEmpty())) {
      throw new ConfigException(file + ": key 'tasks' is missing or empty (one entry per task)", null);
    }
    return config;
  }

  static String message(Path file, JacksonException e) {
    StringBuilder sb = new StringBuilder(file.toString());
    TokenStreamLocation at = e.getLocation();
    if (at != null && at.getLineNr() > 0) {
      sb.append(':').append(at.getLineNr()).append(':').append(at.getColumnNr());
    } else {
      // Some binding errors carry the place only in their message ("line: 12, column: 3").
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("line: (\\d+), column: (\\d+)").matcher(String.valueOf(e.getMessage()));
      if (m.find()) {
        sb.append(':').append(m.group(1)).append(':').append(m.group(2));
      } else if (e instanceof UnrecognizedPropertyException u) {
        sb.append(findKey(file, u.getPropertyName()));
      }
    }
    String path = keyPath(e.getPath());
    if (e instanceof UnrecognizedPropertyException u) {
      String parent = keyPath(e.getPath().subList(0, Math.max(0, e.getPath().size() - 1)));
      sb.append(": unknown key '").append(u.getPropertyName()).append("'");
      if (!parent.isEmpty()) sb.append(" under '").append(parent).append("'");
      String suggestion = closest(u.getPropertyName(), u.getKnownPropertyIds());
      if (suggestion != null) sb.append("; did you mean '").append(suggestion).append("'?");
      sb.append(" Known keys: ").append(sorted(u.getKnownPropertyIds()));
      return sb.toString();
    }
    if (!path.isEmpty()) sb.append(": key '").append(path).append("'");
    sb.append(": ").append(clean(e.getOriginalMessage()));
    return sb.toString();
  }

  /**
   * ":line:column" of the first {@code key:} in the file. Records are bound through their constructor, and Jackson
   * reports unknown keys there without a location.
   */
  private static String findKey(Path file, String key) {
    try {
      List<String> lines = Files.readAllLines(file);
      java.util.regex.Pattern p = java.util.regex.Pattern.compile("(^|[\\s{,-])" + java.util.regex.Pattern.quote(key) + "\\s*:");
      for (int i = 0; i < lines.size(); i++) {
        java.util.regex.Matcher m = p.matcher(lines.get(i));
        if (m.find()) return ":" + (i + 1) + ":" + (m.start() + m.group(1).length() + 1);
      }
    } catch (java.io.IOException | java.io.UncheckedIOException ignored) {
      // the message is still useful without a place
    }
    return "";
  }

  private static String keyPath(List<JacksonException.Reference> refs) {
    StringBuilder sb = new StringBuilder();
    for (JacksonException.Reference r : refs) {
      if (r.getPropertyName() != null) {
        if (sb.length() > 0) sb.append('.');
        sb.append(r.getPropertyName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  /** Jackson's message without Java class names, which mean nothing to a config author. */
  private static String clean(String m) {
    if (m == null) return "invalid value";
    return m.replace("`", "").replaceAll("(java\\.lang\\.|java\\.util\\.|io\\.mtl4j\\.cli\\.config\\.RunConfig\\$)", "")
        .lines().findFirst().orElse(m);
  }

  private static List<String> sorted(Collection<Object> known) {
    List<String> out = new ArrayList<>();
    for (Object o : known) out.add(String.valueOf(o));
    out.sort(null);
    return out;
  }

  /** The known key nearest to {@code key} by edit distance, if near enough to be a typo. */
  static String closest(String key, Collection<Object> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Object o : known) {
      String k = String.valueOf(o);
      int d = distance(key.toLowerCase(), k.toLowerCase());
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best != null && bestDistance <= Math.max(2, key.length() / 3) ? best : null;
  }

  /** Damerau–Levenshtein (optimal string alignment): a swapped pair such as "wieght" counts as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
