package io.mtl4j.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Known public datasets: name, files (source URL + SHA-256), license and tasks. {@link Downloader} fetches them into
 * a cache ({@code MTL4J_DATA}, else {@code ~/.cache/mtl4j}); a local copy can stand in for the cache.
 */
public final class DatasetRegistry {
  /**
   * @param sha256 SHA-256 of the file's bytes; for a plain file, a gzipped copy ({@code name.gz}) matches when its
   *               decompressed content does
   */
  public record FileEntry(String name, String url, String sha256) {}

  /** A dataset with its files, license and the tasks the examples define on it. */
  public record Entry(String name, String description, String license, List<String> tasks, List<FileEntry> files) {}

  private static final Map<String, Entry> ENTRIES = new TreeMap<>();

  static {
    add(new Entry("census-income-kdd", "UCI Census-Income (KDD), official test file (99,762 rows x 42 columns); the "
        + "MMoE paper's census benchmark (test-file-only protocol)", "UCI ML Repository (CC BY 4.0 on UCI's current pages)",
        List.of("income (>50K)", "marital (never married)", "education (college)"),
        List.of(new FileEntry("census-income.test.gz",
            "https://raw.githubusercontent.com/drawbridge/keras-mmoe/5532ffb3ed6bccf4a0eae9d189fa0d661357425f/data/census-income.test.gz",
            "5ac4cacd3ca9f1ecb10de1a0a41e4ac68fdc419e3fec190f5c0c6cc03b2ea659"))));
    add(new Entry("adult", "UCI Adult (1994 census), official train (32,561) and test (16,281) files",
        "UCI ML Repository (CC BY 4.0 on UCI's current pages)", List.of("income (>50K)", "never-married"),
        List.of(new FileEntry("adult.data", "https://archive.ics.uci.edu/ml/machine-learning-databases/adult/adult.data",
                "5b00264637dbfec36bdeaab5676b0b309ff9eb788d63554ca0a249491c86603d"),
            new FileEntry("adult.test", "https://archive.ics.uci.edu/ml/machine-learning-databases/adult/adult.test",
                "a2a9044bc167a35b2361efbabec64e89d69ce82d9790d2980119aac5fd7e9c05"))));
  }

  private DatasetRegistry() {}

  private static void add(Entry e) {
    ENTRIES.put(e.name(), e);
  }

  public static Entry get(String name) {
    Entry e = ENTRIES.get(name.toLowerCase(Locale.ROOT));
    if (e == null) throw new IllegalArgumentException("unknown dataset '" + name + "'; known: " + ENTRIES.keySet());
    return e;
  }

  public static List<Entry> all() {
    return List.copyOf(ENTRIES.values());
  }

  /** The cache root: {@code MTL4J_DATA} when set, else {@code ~/.cache/mtl4j}. */
  public static Path cacheDir(Map<String, String> env) {
    String dir = env.get("MTL4J_DATA");
    if (dir != null && !dir.isBlank()) return Path.of(dir);
    return Path.of(System.getProperty("user.home"), ".cache", "mtl4j");
  }
}
