package io.mtl4j.data;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How columns become model inputs. Columns that are labels are never inputs. A column's kind is inferred (numeric
 * when every present value parses as a number) unless listed in {@code numeric} or {@code categorical}.
 *
 * @param include       only these columns are inputs (empty: every column not dropped and not a label)
 * @param drop          columns never used as inputs
 * @param numeric       columns forced numeric
 * @param categorical   columns forced categorical
 * @param scaling       numeric scaling: standardise, minmax, log (sign·log1p|x| then standardise) or none
 * @param scalingByColumn per-column scaling overrides
 * @param encoding      categorical encoding: onehot (with an unknown bucket), ids (0 = unknown) or hash
 * @param maxCategories categorical columns with more distinct training values are hashed
 * @param hashBuckets   buckets of hashed columns
 * @param minCount      training occurrences a category needs to get its own slot (rarer ones go to the unknown bucket)
 */
public record FeatureOptions(List<String> include, List<String> drop, List<String> numeric, List<String> categorical,
                             String scaling, Map<String, String> scalingByColumn, String encoding, int maxCategories,
                             int hashBuckets, int minCount) {
  static final Set<String> SCALINGS = Set.of("standardise", "minmax", "log", "none");
  static final Set<String> ENCODINGS = Set.of("onehot", "ids", "hash");

  public FeatureOptions {
    include = include == null ? List.of() : List.copyOf(include);
    drop = drop == null ? List.of() : List.copyOf(drop);
    numeric = numeric == null ? List.of() : List.copyOf(numeric);
    categorical = categorical == null ? List.of() : List.copyOf(categorical);
    scaling = check("features.scaling", scaling == null ? "standardise" : scaling, SCALINGS);
    scalingByColumn = scalingByColumn == null ? Map.of() : Map.copyOf(scalingByColumn);
    scalingByColumn.forEach((c, s) -> check("features.scalingByColumn." + c, s, SCALINGS));
    encoding = check("features.encoding", encoding == null ? "onehot" : encoding, ENCODINGS);
    if (maxCategories < 1) throw new IllegalArgumentException("features.maxCategories = " + maxCategories + ", expected ≥ 1");
    if (hashBuckets < 2) throw new IllegalArgumentException("features.hashBuckets = " + hashBuckets + ", expected ≥ 2");
    if (minCount < 1) throw new IllegalArgumentException("features.minCount = " + minCount + ", expected ≥ 1");
    for (String c : numeric) {
      if (categorical.contains(c)) {
        throw new IllegalArgumentException("features: column '" + c + "' is listed as both numeric and categorical");
      }
    }
  }

  /** Every non-label column, inferred kinds, standardised numbers, one-hot categories (hashed above 1000). */
  public static FeatureOptions defaults() {
    return new FeatureOptions(null, null, null, null, null, null, null, 1000, 64, 1);
  }

  static String check(String key, String value, Set<String> allowed) {
    String v = value.toLowerCase(Locale.ROOT).replace("standardize", "standardise").replace("one-hot", "onehot")
        .replace("min-max", "minmax");
    if (!allowed.contains(v)) {
      throw new IllegalArgumentException(key + " = '" + value + "', expected one of " + new java.util.TreeSet<>(allowed));
    }
    return v;
  }
}
