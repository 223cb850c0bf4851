package io.mtl4j.cli.run;

import io.mtl4j.train.NonFinitePolicy;
import io.mtl4j.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code train --resume OUT} needs to redo a run's preparation exactly: a copy of the config, the data
 * directory, the seed and the checkpoint settings, written to {@code OUT/run.json} before training starts.
 * Checkpoints themselves live in {@code OUT/checkpoints/}.
 *
 * @param stream whether the run streams its training file ({@code --stream}, which the config copy does not hold)
 * @param source what the rows were read from (the training file's SHA-256, and for a streamed run how it was
 *               streamed), so that a resume on other rows is refused rather than continued into another model;
 *               null in a run state that did not record it
 */
public record RunState(Path config, Path dataDir, long seed, int checkpointEvery, NonFinitePolicy nonFinite,
                       boolean stream, String source) {
  public static final String FILE = "run.json";
  static final String CONFIG_COPY = "config.yaml";

  public static Path checkpoints(Path out) {
    return out.resolve("checkpoints");
  }

  /** Copies the config into {@code out} and records the rest; {@code dataDir} null means the config's own base. */
  public static void write(Path out, Path config, Path dataDir, long seed, int checkpointEvery, NonFinitePolicy nonFinite,
                           boolean stream, String source) {
    try {
      Files.createDirectories(checkpoints(out));
      Path copy = out.resolve(CONFIG_COPY);
      if (!copy.toAbsolutePath().normalize().equals(config.toAbsolutePath().normalize())) {
        Files.copy(config, copy, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot prepare " + out + ": " + e.getMessage(), e);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("config", CONFIG_COPY);
    m.put("dataDir", dataDir == null ? null : dataDir.toAbsolutePath().toString());
    m.put("seed", seed);
    m.put("checkpointEvery", checkpointEvery);
    m.put("nonFinite", nonFinite.configName());
    m.put("stream", stream);
    m.put("source", source);
    Outputs.writeString(out.resolve(FILE), Outputs.JSON.writeValueAsString(m) + "\n");
  }

  /** The state of the run in {@code out}; a clear error when {@code out} holds no resumable run. */
  public static RunState read(Path out) {
    Path file = out.resolve(FILE);
    if (!Files.isDirectory(out)) throw new IllegalArgumentException("--resume " + out + ": no such directory");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--resume " + out + ": no " + FILE + " there; it was not written by 'mtl4j train'");
    }
    try {
      Map<?, ?> m = Outputs.JSON.readValue(Files.readString(file), Map.class);
      Object dir = m.get("dataDir");
      return new RunState(out.resolve(String.valueOf(m.get("config"))), dir == null ? null : Path.of(dir.toString()),
          ((Number) m.get("seed")).longValue(), ((Number) m.get("checkpointEvery")).intValue(),
          NonFinitePolicy.byName(String.valueOf(m.get("nonFinite"))), Boolean.TRUE.equals(m.get("stream")),
          (String) m.get("source"));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(file + ": unreadable run state (" + e.getMessage() + ")", e);
    }
  }

  /** Refuses to continue the run on other rows than it started on: its checkpoint would go on in another model. */
  public void requireSource(Path out, String now) {
    if (source != null && !source.equals(now)) {
      throw new IllegalArgumentException("--resume " + out + ": the run started on " + source + ", but now reads "
          + now + " (" + out.resolve(FILE) + "); resume on the same data and settings, or start a new run");
    }
  }

  /**
   * A run state without its checkpoint (deleted, or killed before the first one) cannot continue; it starts over.
   * That is said loudly, not refused: training is deterministic, so starting over still ends with the model of the
   * uninterrupted run (only later), and an automatic {@code --resume} after a very early kill keeps working.
   */
  public static void warnIfNoCheckpoint(Path out) {
    Path file = checkpoints(out).resolve(io.mtl4j.train.CheckpointFile.NAME);
    if (!Files.exists(file)) {
      System.err.println("mtl4j train: warning: --resume " + out + ": no checkpoint (" + file + " is missing: deleted, "
          + "or the run was killed before its first one); training starts over from step 0 and ends with the same "
          + "model, only later");
    }
  }

  /**
   * A run's state as {@code train} holds it: the state it resumes (null for a fresh run) and what a fresh run
   * records.
   */
  public record Lifecycle(RunState resumed, Path config, Path dataDir, int checkpointEvery, NonFinitePolicy nonFinite,
                          boolean stream) {
    /**
     * Before the first step: a fresh run writes its state into {@code out}; a resumed one checks it reads the rows
     * (described by {@code source}) it started on.
     */
    public void begin(Path out, long seed, String source) {
      if (resumed == null) {
        write(out, config, dataDir, seed, checkpointEvery, nonFinite, stream, source);
      } else {
        resumed.requireSource(out, source);
        warnIfNoCheckpoint(out);
      }
    }

    public TrainingConfig apply(TrainingConfig t) {
      return withLifecycle(t, checkpointEvery, nonFinite);
    }
  }

  /** {@code t} with this run's checkpoint interval and non-finite policy. */
  public static TrainingConfig withLifecycle(TrainingConfig t, int checkpointEvery, NonFinitePolicy nonFinite) {
    return t.toBuilder().checkpointEvery(checkpointEvery).nonFinite(nonFinite).build();
  }
}
