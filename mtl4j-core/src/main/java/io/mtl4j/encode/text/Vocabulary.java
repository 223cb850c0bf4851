package io.mtl4j.encode.text;

import io.mtl4j.config.OptionBinder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps tokens to rows of an embedding table. Row {@link #PADDING} is reserved for padding in every vocabulary (a
 * padded layout fills short sequences with it; its row should stay zero). Two kinds:
 * <ul>
 *   <li><b>fitted</b> on training text: row {@link #OOV} stands for every token not kept; the kept words follow from
 *       row 2, most frequent first (ties: by {@link String#compareTo}, so a fit is deterministic);</li>
 *   <li><b>hashed</b> into B buckets (the hashing trick, Weinberger et al. 2009): token → row
 *       {@code 1 + floorMod(murmur3_32(UTF-8 bytes, seed 0), B)} (see {@link Murmur3}); no fitting and no OOV row,
 *       distinct tokens may share a row.</li>
 * </ul>
 * Immutable; {@link #toMap()} / {@link #fromMap} give the plain-data form a model file carries.
 */
public final class Vocabulary {
  public static final int PADDING = 0;
  /** The out-of-vocabulary row of a fitted vocabulary. */
  public static final int OOV = 1;
  private static final int FIRST_WORD = 2;
  private static final int FORMAT_VERSION = 1;

  /**
   * How a vocabulary is fitted.
   *
   * @param minCount a word is kept when it occurs at least this often in the training text (≥ 1)
   * @param maxSize  at most this many words are kept, the most frequent (≥ 1; the two reserved rows come on top)
   */
  public record Options(int minCount, int maxSize) {
    public Options {
      if (minCount < 1) throw new IllegalArgumentException("vocabulary minCount = " + minCount + ": expected ≥ 1");
      if (maxSize < 1) throw new IllegalArgumentException("vocabulary maxSize = " + maxSize + ": expected ≥ 1");
    }
  }

  private final List<String> words;
  private final Map<String, Integer> rows;
  private final int buckets;

  private Vocabulary(List<String> words, int buckets) {
    this.words = List.copyOf(words);
    this.buckets = buckets;
    Map<String, Integer> r = new HashMap<>();
    for (int i = 0; i < this.words.size(); i++) {
      if (r.put(this.words.get(i), FIRST_WORD + i) != null) {
        throw new IllegalArgumentException("vocabulary: word '" + this.words.get(i) + "' listed twice");
      }
    }
    this.rows = Collections.unmodifiableMap(r);
  }

  /** Fits on tokenised training documents. */
  public static Vocabulary fit(Iterable<? extends List<String>> documents, Options options) {
    Map<String, Long> counts = new HashMap<>();
    for (List<String> doc : documents) {
      for (String token : doc) counts.merge(token, 1L, Long::sum);
    }
    List<Map.Entry<String, Long>> kept = new ArrayList<>();
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (e.getValue() >= options.minCount()) kept.add(e);
    }
    kept.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
    List<String> words = new ArrayList<>();
    for (int i = 0; i < Math.min(options.maxSize(), kept.size()); i++) words.add(kept.get(i).getKey());
    return new Vocabulary(words, 0);
  }

  /** A fitted vocabulary with exactly these words, in this order, from row 2. */
  public static Vocabulary of(List<String> words) {
    return new Vocabulary(words, 0);
  }

  /** Feature hashing into {@code buckets} rows (after the padding row). */
  public static Vocabulary hashing(int buckets) {
    if (buckets < 1) throw new IllegalArgumentException("vocabulary buckets = " + buckets + ": expected ≥ 1");
    return new Vocabulary(List.of(), buckets);
  }

  public boolean isHashed() {
    return buckets > 0;
  }

  /** Rows of the embedding table this vocabulary indexes, reserved rows included. */
  public int size() {
    return isHashed() ? 1 + buckets : FIRST_WORD + words.size();
  }

  /** The row of {@code token}: its own, its bucket, or {@link #OOV}. */
  public int id(String token) {
    if (isHashed()) return 1 + Math.floorMod(Murmur3.hash32(token, 0), buckets);
    return rows.getOrDefault(token, OOV);
  }

  public int[] ids(List<String> tokens) {
    int[] out = new int[tokens.size()];
    for (int i = 0; i < out.length; i++) out[i] = id(tokens.get(i));
    return out;
  }

  /** The word at a fitted vocabulary's row; null for the reserved rows, and for a hashed vocabulary. */
  public String word(int id) {
    if (id < 0 || id >= size()) throw new IllegalArgumentException("vocabulary row " + id + " outside 0.." + (size() - 1));
    return isHashed() || id < FIRST_WORD ? null : words.get(id - FIRST_WORD);
  }

  /** The plain-data form: {@code formatVersion}, {@code kind} (fitted/hashed), {@code words} or {@code buckets}. */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("formatVersion", FORMAT_VERSION);
    out.put("kind", isHashed() ? "hashed" : "fitted");
    if (isHashed()) out.put("buckets", buckets);
    else out.put("words", words);
    return out;
  }

  /** Inverse of {@link #toMap}; messages name {@code where} and the key. */
  public static Vocabulary fromMap(String where, Map<String, ?> map) {
    OptionBinder in = new OptionBinder(where, map);
    int version = in.integer("formatVersion", -1);
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException(in.at("formatVersion") + " = " + version + ": expected " + FORMAT_VERSION);
    }
    String kind = in.text("kind", "");
    Vocabulary v = switch (kind) {
      case "hashed" -> hashing(in.integer("buckets", 0));
      case "fitted" -> of(words(in, map));
      default -> throw new IllegalArgumentException(in.at("kind") + " = '" + kind + "': expected fitted or hashed");
    };
    in.requireAllUsed();
    return v;
  }

  private static List<String> words(OptionBinder in, Map<String, ?> map) {
    in.has("words");
    if (!(map.get("words") instanceof List<?> list)) throw new IllegalArgumentException(in.at("words") + ": expected a list of words");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof String s)) throw new IllegalArgumentException(in.at("words") + "[" + i + "]: expected a string");
      out.add(s);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Vocabulary v && v.buckets == buckets && v.words.equals(words);
  }

  @Override
  public int hashCode() {
    return 31 * buckets + words.hashCode();
  }

  @Override
  public String toString() {
    return isHashed() ? "Vocabulary(hashed, " + buckets + " buckets)" : "Vocabulary(" + words.size() + " words)";
  }
}
