package io.mtl4j.cli.config;

import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A config file's YAML tree, from which variants are made by setting key paths: a tuning trial's values, a
 * cross-validation fold. Each variant is bound by {@link ConfigLoader}'s one binder, so it is checked exactly as the
 * file itself would be, and its errors name the file and the key path.
 */
public final class ConfigTree {
  private final Path file;
  private final ObjectNode root;

  private ConfigTree(Path file, ObjectNode root) {
    this.file = file;
    this.root = root;
  }

  public static ConfigTree read(Path file) {
    JsonNode tree = ConfigLoader.tree(file);
    if (!(tree instanceof ObjectNode object)) throw new ConfigException(file + ": the config is not a mapping of sections", null);
    return new ConfigTree(file, object);
  }

  /**
   * A copy with {@code path} ({@code optimizer.options.learningRate}) set to {@code value}; sections on the way are
   * created when absent.
   *
   * @throws ConfigException when a part of the path holds a value rather than a section
   */
  public ConfigTree with(String path, Object value) {
    ObjectNode copy = root.deepCopy();
    String[] keys = path.split("\\.", -1);
    ObjectNode at = copy;
    for (int i = 0; i < keys.length - 1; i++) {
      if (keys[i].isEmpty()) throw new ConfigException(file + ": key path '" + path + "' has an empty part", null);
      JsonNode next = at.get(keys[i]);
      if (next == null || next.isNull()) {
        next = at.putObject(keys[i]);
      } else if (!next.isObject()) {
        throw new ConfigException(file + ": key path '" + path + "': '" + String.join(".", java.util.Arrays.copyOf(keys, i + 1))
            + "' holds the value " + next + ", not a section of keys", null);
      }
      at = (ObjectNode) next;
    }
    at.set(keys[keys.length - 1], ConfigLoader.toTree(value));
    return new ConfigTree(file, copy);
  }

  /** A copy without the top-level section {@code key}. */
  public ConfigTree without(String key) {
    ObjectNode copy = root.deepCopy();
    copy.remove(key);
    return new ConfigTree(file, copy);
  }

  /** The config this tree says, checked as {@link ConfigLoader#load} checks a file. */
  public RunConfig bind() {
    return ConfigLoader.bind(file, root);
  }

  public Path file() {
    return file;
  }
}
