package io.mtl4j.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a categorical field's raw values to table rows: values seen at least {@code minCount} times in the training
 * rows get rows 0..k-1 (most frequent first, ties by value, so the order does not depend on row order); every other
 * value goes to one of {@code hashBuckets} rows after them by the fixed hash of {@link FeatureEncoder.Hashed} (Weinberger et al. 2009, "Feature Hashing
 * for Large Scale Multitask Learning"). With no buckets an unknown value has no row: {@link #row} returns -1 and the
 * reader reports the file, row and column.
 */
public final class Vocabulary {
  /** Returned by {@link #row} for a value without a row (hashing off). */
  public static final int UNKNOWN = -1;

  private final List<String> values;
  private final int hashBuckets;
  private final Map<String, Integer> index = new HashMap<>();

  /** Kept values in row order, then {@code hashBuckets} hashed rows. */
  public Vocabulary(List<String> values, int hashBuckets) {
    this.values = List.copyOf(values);
    this.hashBuckets = hashBuckets;
    for (int i = 0; i < values.size(); i++) {
      if (index.put(values.get(i), i) != null) {
        throw new IllegalArgumentException("vocabulary lists '" + values.get(i) + "' twice");
      }
    }
    if (hashBuckets < 0) throw new IllegalArgumentException("hashBuckets = " + hashBuckets + ", expected ≥ 0");
    if (values.isEmpty() && hashBuckets == 0) {
      throw new IllegalArgumentException("vocabulary is empty and hashBuckets = 0: no value would have a row");
    }
  }

  /** Counts {@code training} values and keeps those seen at least {@code minCount} times. */
  public static Vocabulary fit(Iterable<String> training, int minCount, int hashBuckets) {
    if (minCount < 1) throw new IllegalArgumentException("minCount = " + minCount + ", expected ≥ 1");
    Map<String, Integer> counts = new HashMap<>();
    for (String v : training) counts.merge(v, 1, Integer::sum);
    List<Map.Entry<String, Integer>> kept = new ArrayList<>();
    for (Map.Entry<String, Integer> e : counts.entrySet()) if (e.getValue() >= minCount) kept.add(e);
    kept.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    return new Vocabulary(kept.stream().map(Map.Entry::getKey).toList(), hashBuckets);
  }

  /** Table rows the field needs: one per kept value plus the buckets. */
  public int size() {
    return values.size() + hashBuckets;
  }

  /** The table row of {@code value}, or {@link #UNKNOWN} when it was not kept and hashing is off. */
  public int row(String value) {
    Integer known = index.get(value);
    if (known != null) return known;
    return hashBuckets == 0 ? UNKNOWN : values.size() + FeatureEncoder.Hashed.bucket(value, hashBuckets);
  }

  public List<String> values() {
    return values;
  }

  public int hashBuckets() {
    return hashBuckets;
  }
}
