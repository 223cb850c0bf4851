package io.mtl4j.cli.run;

import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.data.FeatureOptions;
import io.mtl4j.data.Split;
import io.mtl4j.data.read.CsvSource;
import java.util.Set;

/**
 * The config's data settings bound to the reader's, the split's and the feature encoders' options, with the one set
 * of defaults every command that reads a config's data uses; a bad value fails naming its key.
 */
public final class DataOptions {
  private DataOptions() {}

  public static CsvSource.Options csvOptions(RunConfig.Data d) {
    boolean header = d.header() == null ? d.columns() == null : d.header();
    char delimiter = single("data.delimiter", d.delimiter(), ',');
    char quote = single("data.quote", d.quote(), '"');
    char comment = single("data.comment", d.comment(), (char) 0);
    Set<String> missing = d.missing() == null ? null : Set.copyOf(d.missing());
    return new CsvSource.Options(delimiter, quote, header, d.columns(), d.trim() == null || d.trim(), comment, missing);
  }

  private static char single(String key, String v, char fallback) {
    if (v == null) return fallback;
    String s = v.equals("\\t") || v.equals("tab") ? "\t" : v;
    if (s.length() != 1) throw new IllegalArgumentException(key + " = '" + v + "', expected a single character");
    return s.charAt(0);
  }

  public static Split.Options splitOptions(RunConfig.Split s) {
    if (s == null) return Split.Options.random(0.2, 0.2);
    if (Boolean.TRUE.equals(s.crossValidate()) && s.fold() == null) {
      // Only train and compare run every fold; elsewhere one fold must be named, not silently fold 0.
      throw new IllegalArgumentException("data.split.crossValidate: this command uses one split; set data.split.fold "
          + "(0-based) to pick a fold's rows, or run train/compare, which cross-validate");
    }
    return new Split.Options(s.method(), s.valid() == null ? 0.2 : s.valid(), s.test() == null ? 0.2 : s.test(),
        s.column(), s.folds() == null ? 5 : s.folds(), s.fold() == null ? 0 : s.fold());
  }

  public static FeatureOptions featureOptions(RunConfig.Features f) {
    if (f == null) return FeatureOptions.defaults();
    return new FeatureOptions(f.include(), f.drop(), f.numeric(), f.categorical(), f.scaling(), f.scalingByColumn(),
        f.encoding(), f.maxCategories() == null ? 1000 : f.maxCategories(), f.hashBuckets() == null ? 64 : f.hashBuckets(),
        f.minCount() == null ? 1 : f.minCount());
  }
}
