package io.mtl4j.cli.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The output directory of a run: refuses a non-empty one without {@code --force}; files appear whole or not at all. */
public final class Outputs {
  public static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final Path dir;

  private Outputs(Path dir) {
    this.dir = dir;
  }

  /** Checks {@code dir} before any work starts (bad usage → exit 2); creates it on {@link #create}. */
  public static void check(Path dir, boolean force) {
    if (dir == null) throw new IllegalArgumentException("--out is required");
    if (Files.isRegularFile(dir)) throw new IllegalArgumentException("--out " + dir + " is a file, expected a directory");
    if (!force && Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        if (s.findAny().isPresent()) {
          throw new IllegalArgumentException("--out " + dir + " exists and is not empty; use --force to overwrite");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Whether {@code dir} does not exist or is an empty directory: a run writing there creates all it holds. */
  public static boolean absentOrEmpty(Path dir) {
    if (!Files.exists(dir)) return true;
    if (!Files.isDirectory(dir)) return false;
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Runs {@code run}, which writes into {@code dir}. When it runs out of memory and {@code dir} was absent or empty
   * before, what it wrote is removed, so the rerun with more heap needs no {@code --force}; any other failure keeps
   * its files (a resumable run's state). One mechanism for every command that trains into an output directory.
   */
  public static <T> T removedOnOutOfMemory(Path dir, java.util.function.Supplier<T> run) {
    boolean owned = dir != null && absentOrEmpty(dir);
    boolean created = owned && !Files.exists(dir);
    try {
      return run.get();
    } catch (RuntimeException | OutOfMemoryError e) {
      if (owned && outOfMemory(e)) removeCreated(dir, created);
      throw e;
    }
  }

  /** Whether {@code e} was caused by an exhausted heap (a worker's error arrives wrapped). */
  public static boolean outOfMemory(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof OutOfMemoryError) return true;
    return false;
  }

  /**
   * Removes what a failed run wrote into {@code dir}, which was absent ({@code created}: removed as well) or empty
   * before it started. Best effort: a file that cannot be removed stays.
   */
  private static void removeCreated(Path dir, boolean created) {
    if (!Files.isDirectory(dir)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (created || !p.equals(dir)) {
          try {
            Files.deleteIfExists(p);
          } catch (IOException ignored) {
            // best effort
          }
        }
      }
    } catch (IOException | UncheckedIOException ignored) {
      // best effort
    }
  }

  /** Checks an output file before any work starts: an existing one is replaced only with {@code --force} (exit 2). */
  public static void checkFile(String option, Path file, boolean force) {
    if (Files.exists(file) && !force) throw new IllegalArgumentException(option + " " + file + " exists; use --force to overwrite");
  }

  /** Whether the run writes report.html ({@code output.report}, default true). */
  public static boolean writesReport(io.mtl4j.cli.config.RunConfig cfg) {
    return cfg.output() == null || cfg.output().report() == null || cfg.output().report();
  }

  public static Outputs create(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    return new Outputs(dir);
  }

  Path dir() {
    return dir;
  }

  public Path path(String name) {
    return dir.resolve(name);
  }

  public void writeJson(String name, Map<String, Object> value) {
    writeString(dir.resolve(name), JSON.writeValueAsString(value) + "\n");
  }

  public void writeText(String name, String text) {
    writeString(dir.resolve(name), text);
  }

  /** Temporary files are created owner-only; outputs are meant to be shared like any other file. */
  public static void readable(Path file) throws IOException {
    io.mtl4j.io.AtomicWrite.readable(file);
  }

  /** Writes through a temporary file in the same directory and an atomic rename. */
  public static void writeString(Path target, String text) {
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
    io.mtl4j.io.AtomicWrite.write(target, text.getBytes(StandardCharsets.UTF_8));
  }
}
