package io.mtl4j.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Names → factories for one kind of extension (weightings, optimizers, formulations): an immutable value, so a user's
 * registration never changes what another caller sees. {@link #with} returns a new registry with one more entry;
 * pass it to whoever creates from names ({@code TrainingConfig.Builder#weightings}); the CLI uses the defaults.
 *
 * <p>Names match by the rule of option keys ({@link OptionBinder#normalise}): {@code Aligned-MTL}, {@code aligned_mtl}
 * and {@code AlignedMTL} are one name. A factory reads its options from an {@link OptionBinder}; after it returns,
 * every option must have been read.
 *
 * @param <T> what the factories create
 */
public final class Registry<T> {

  /** Builds one entry's value from its options. */
  @FunctionalInterface
  public interface Factory<T> {
    T create(OptionBinder options);
  }

  private final String kind;
  private final Map<String, String> names;
  private final Map<String, Factory<? extends T>> factories;

  private Registry(String kind, Map<String, String> names, Map<String, Factory<? extends T>> factories) {
    this.kind = kind;
    this.names = names;
    this.factories = factories;
  }

  /** An empty registry; {@code kind} names the extension in messages ("weighting"). */
  public static <T> Registry<T> of(String kind) {
    return new Registry<>(Objects.requireNonNull(kind, "kind"), Map.of(), Map.of());
  }

  /**
   * This registry plus {@code name} → {@code factory}.
   *
   * @throws IllegalArgumentException when the name (under the key rule) is already registered
   */
  public Registry<T> with(String name, Factory<? extends T> factory) {
    Objects.requireNonNull(factory, "factory");
    String key = OptionBinder.normalise(Objects.requireNonNull(name, "name"));
    if (key.isEmpty()) throw new IllegalArgumentException(kind + " name '" + name + "': expected a non-blank name");
    if (names.containsKey(key)) {
      throw new IllegalArgumentException(kind + " '" + name + "' is already registered (as '" + names.get(key)
          + "'); choose another name");
    }
    Map<String, String> n = new LinkedHashMap<>(names);
    Map<String, Factory<? extends T>> f = new LinkedHashMap<>(factories);
    n.put(key, name.strip());
    f.put(key, factory);
    return new Registry<>(kind, java.util.Collections.unmodifiableMap(n), java.util.Collections.unmodifiableMap(f));
  }

  /** The registered names as registered, in registration order. */
  public List<String> names() {
    return new ArrayList<>(names.values());
  }

  public boolean contains(String name) {
    return name != null && names.containsKey(OptionBinder.normalise(name));
  }

  /** The name as registered ({@code "aligned-mtl"} for {@code "AlignedMTL"}). */
  public String canonicalName(String name) {
    return names.get(key(name));
  }

  /** {@code name}'s value with {@code options}; messages name the options as {@code <kind>.<name>.<key>}. */
  public T create(String name, Map<String, ?> options) {
    return create(name, options, kind + "." + (contains(name) ? canonicalName(name) : name));
  }

  /**
   * {@code name}'s value with {@code options} read from {@code path} (a config key path such as
   * {@code weighting.options}, for messages).
   *
   * @throws IllegalArgumentException for an unknown name (listing the known ones), an unknown option (listing the
   *                                  entry's options) or an invalid value
   */
  public T create(String name, Map<String, ?> options, String path) {
    Factory<? extends T> factory = factories.get(key(name));
    OptionBinder binder = new OptionBinder(path, options);
    T value = factory.create(binder);
    binder.requireAllUsed();
    return value;
  }

  private String key(String name) {
    String key = name == null ? "" : OptionBinder.normalise(name);
    if (!names.containsKey(key)) {
      throw new IllegalArgumentException("unknown " + kind + " '" + name + "'; known: " + names());
    }
    return key;
  }
}
