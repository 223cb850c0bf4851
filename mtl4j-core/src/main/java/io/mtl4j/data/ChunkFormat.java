package io.mtl4j.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * A file format that out-of-core training can read as {@link ChunkReader}s, chosen by the file's extension. Formats
 * are found through {@link ServiceLoader} (core's LibSVM and ARFF; mtl4j-parquet's Parquet), so a caller such as the
 * CLI needs no reader classes of an optional module. CSV, whose reader takes the config's options, is the caller's
 * default. Add a format: a class implementing this, its test, and one line in
 * {@code META-INF/services/io.mtl4j.data.ChunkFormat}.
 */
public interface ChunkFormat {
  /** Its name in messages ({@code libsvm}, {@code parquet}). */
  String name();

  /** The extensions it reads, lower case without the dot ({@code parquet}); a {@code .gz} suffix is looked through. */
  List<String> extensions();

  /**
   * The reads of {@code file}: each {@link Supplier#get} opens a read from the start. What a read needs to know of
   * the whole file (a width) is learned once, here.
   */
  Supplier<ChunkReader> source(Path file, int chunkRows);

  /**
   * As {@link #source(Path, int)}, for a file read after a training file whose columns were {@code columns}
   * (validation, test, prediction): a format whose columns follow from a file's content (LibSVM's width) takes the
   * training file's; one whose files name their columns ignores them.
   */
  default Supplier<ChunkReader> source(Path file, int chunkRows, List<String> columns) {
    return source(file, chunkRows);
  }

  /** The format registered for {@code file}'s extension, if any. */
  static Optional<ChunkFormat> forFile(Path file) {
    String ext = extension(file);
    for (ChunkFormat f : ServiceLoader.load(ChunkFormat.class)) if (f.extensions().contains(ext)) return Optional.of(f);
    return Optional.empty();
  }

  /** The names of the formats on the classpath, for messages that say what was found. */
  static List<String> available() {
    List<String> names = new ArrayList<>();
    for (ChunkFormat f : ServiceLoader.load(ChunkFormat.class)) names.add(f.name());
    return names;
  }

  /** {@code train.libsvm.gz} → {@code libsvm}; no extension → empty. */
  static String extension(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) name = name.substring(0, name.length() - 3);
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1);
  }
}
