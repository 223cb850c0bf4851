package io.mtl4j.cli.config;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.ObjectMapper;

/**
 * Refuses a key given twice in one mapping. YAML parsers keep the last value silently, so a second {@code training:}
 * section would replace the whole first one; Jackson's own duplicate detection names only the second place.
 */
final class DuplicateKeys {
  private DuplicateKeys() {}

  /**
   * @throws ConfigException naming the file, the second place, the key path and the first place
   */
  static void check(Path file, ObjectMapper mapper) {
    try (JsonParser p = mapper.createParser(file.toFile())) {
      Deque<Map<String, TokenStreamLocation>> open = new ArrayDeque<>(); // keys seen per open mapping or sequence
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        switch (t) {
          case START_OBJECT, START_ARRAY -> open.push(new HashMap<>());
          case END_OBJECT, END_ARRAY -> open.pop();
          case PROPERTY_NAME -> {
            TokenStreamLocation first = open.peek().putIfAbsent(p.currentName(), p.currentTokenLocation());
            if (first != null) throw duplicate(file, p, first);
          }
          default -> { }
        }
      }
    } catch (ConfigException e) {
      throw e;
    } catch (JacksonException e) {
      // A syntax error: binding the file reports it with its place.
    }
  }

  private static ConfigException duplicate(Path file, JsonParser p, TokenStreamLocation first) {
    TokenStreamLocation second = p.currentTokenLocation();
    return new ConfigException(file + ":" + place(second) + ": key '" + keyPath(p) + "' appears twice, first at line "
        + place(first) + "; remove one (YAML would silently keep only the last)", null);
  }

  private static String place(TokenStreamLocation at) {
    return at.getLineNr() + ":" + at.getColumnNr();
  }

  /** "tasks[1].column" for the property being read (the parser's contexts, innermost first). */
  private static String keyPath(JsonParser p) {
    Deque<String> parts = new ArrayDeque<>();
    for (TokenStreamContext c = p.streamReadContext(); c != null && !c.inRoot(); c = c.getParent()) {
      parts.push(c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.currentName());
    }
    String path = String.join("", parts);
    return path.startsWith(".") ? path.substring(1) : path;
  }
}
