package io.mtl4j.train;

import io.mtl4j.io.ModelFile;
import io.mtl4j.io.ModelFileException;
import io.mtl4j.io.TensorArchive;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.optim.OptimizerState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TrainingCheckpoint} on disk: a {@link TensorArchive} with {@value #DOCUMENT} (counters, loss history,
 * weighting state, finished epochs; doubles exact, NaN/Infinity as strings) and float32 tensors (weights, best
 * weights, optimizer arrays). Written atomically: a kill at any moment leaves the previous checkpoint readable.
 */
public final class CheckpointFile {
  public static final String DOCUMENT = "checkpoint.json";
  public static final String FORMAT = "mtl4j-checkpoint";
  public static final int FORMAT_VERSION = 1;
  /** File name inside a run's output directory. */
  public static final String NAME = "checkpoint.mtl4j";

  private CheckpointFile() {}

  public static void save(Path file, TrainingCheckpoint c) {
    save(file, c, null);
  }

  /** As above; with a {@code key} (may be null) the checkpoint carries the HMAC a model file would. */
  public static void save(Path file, TrainingCheckpoint c, io.mtl4j.io.ModelKey key) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", FORMAT);
    doc.put("formatVersion", FORMAT_VERSION);
    doc.put("epoch", c.epoch());
    doc.put("stepInEpoch", c.stepInEpoch());
    doc.put("step", c.step());
    doc.put("finished", c.finished());
    doc.put("lrScale", c.lrScale());
    doc.put("rollbacks", c.rollbacks());
    doc.put("optimizer", optimizerHeader(c.optimizer()));
    doc.put("learnableOptimizer", optimizerHeader(c.learnableOptimizer()));
    doc.put("learnableValues", encode(c.learnableValues()));
    Map<String, Object> weighting = new LinkedHashMap<>();
    c.weightingState().forEach((k, v) -> weighting.put(k, v == null ? null : encode(v)));
    doc.put("weightingState", weighting);
    List<Object> history = new ArrayList<>();
    for (double[] row : c.lossHistory()) history.add(encode(row));
    doc.put("lossHistory", history);
    doc.put("lossSum", encode(c.lossSum()));
    doc.put("lossCount", java.util.Arrays.stream(c.lossCount()).boxed().toList());
    doc.put("weightSum", encode(c.weightSum()));
    doc.put("weightCount", java.util.Arrays.stream(c.weightCount()).boxed().toList());
    doc.put("bestScore", encode(new double[] {c.bestScore()}));
    doc.put("bestEpoch", c.bestEpoch());
    doc.put("sinceBest", c.sinceBest());
    List<Object> epochs = new ArrayList<>();
    for (EpochRecord r : c.epochs()) epochs.add(record(r));
    doc.put("epochs", epochs);
    doc.put("config", c.config());
    Map<String, float[]> tensors = new LinkedHashMap<>();
    tensors.put("parameters", c.parameters());
    if (c.bestWeights() != null) tensors.put("bestWeights", c.bestWeights());
    c.optimizer().arrays().forEach((k, v) -> tensors.put("optimizer/" + k, v));
    c.learnableOptimizer().arrays().forEach((k, v) -> tensors.put("learnableOptimizer/" + k, v));
    TensorArchive.write(file, DOCUMENT, doc, tensors, Map.of(), key);
  }

  /**
   * Creates {@code directory} if needed and deletes the temporary files of {@value #NAME} there: a kill during a save
   * leaves its temporary ({@code .checkpoint.mtl4j.*.tmp}, as TensorArchive names it) next to the previous, intact
   * checkpoint.
   */
  public static void prepareDirectory(Path directory) {
    try {
      java.nio.file.Files.createDirectories(directory);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create the checkpoint directory " + directory, e);
    }
    try (java.nio.file.DirectoryStream<Path> leftovers = java.nio.file.Files.newDirectoryStream(directory, "." + NAME + ".*.tmp")) {
      for (Path p : leftovers) java.nio.file.Files.deleteIfExists(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot remove checkpoint temporaries in " + directory + ": " + e.getMessage(), e);
    }
  }

  public static TrainingCheckpoint load(Path file) {
    return load(file, null);
  }

  /** As above; with a {@code key} (may be null) a checkpoint without a valid HMAC under it is refused. */
  public static TrainingCheckpoint load(Path file, io.mtl4j.io.ModelKey key) {
    TensorArchive.Contents contents = TensorArchive.read(file, DOCUMENT, io.mtl4j.io.ArchiveLimits.DEFAULT, key);
    Map<String, Object> d = contents.document();
    io.mtl4j.io.ModelFormat.checkVersion(file, d, FORMAT, FORMAT_VERSION);
    Map<String, float[]> t = contents.tensors();
    // The trainer never checkpoints non-finite weights (NonFinitePolicy stops, skips or rolls back first).
    for (String name : List.of("parameters", "bestWeights")) {
      float[] w = t.get(name);
      if (w != null) ModelFile.requireFinite(file, "refusing to resume from a checkpoint whose", name, w, 0, w.length);
    }
    try {
      Map<String, double[]> weighting = new LinkedHashMap<>();
      map(d.get("weightingState")).forEach((k, v) -> weighting.put(k, v == null ? null : decode(v)));
      List<?> historyRows = (List<?>) d.get("lossHistory");
      double[][] history = new double[historyRows.size()][];
      for (int i = 0; i < history.length; i++) history[i] = decode(historyRows.get(i));
      List<EpochRecord> epochs = new ArrayList<>();
      for (Object o : (List<?>) d.get("epochs")) epochs.add(record(map(o)));
      return new TrainingCheckpoint(num(d, "epoch").intValue(), num(d, "stepInEpoch").intValue(),
          num(d, "step").longValue(), (Boolean) d.get("finished"), num(d, "lrScale").doubleValue(),
          num(d, "rollbacks").intValue(), required(file, t, "parameters"),
          optimizer(map(d.get("optimizer")), t, "optimizer/"),
          optimizer(map(d.get("learnableOptimizer")), t, "learnableOptimizer/"), decode(d.get("learnableValues")),
          weighting, history, decode(d.get("lossSum")), counts(d.get("lossCount")),
          // Checkpoints written before per-step weights were kept have none: the epoch's mean starts over.
          d.containsKey("weightSum") ? decode(d.get("weightSum")) : new double[history.length],
          d.containsKey("weightCount") ? counts(d.get("weightCount")) : new int[history.length],
          decode(d.get("bestScore"))[0], num(d, "bestEpoch").intValue(), num(d, "sinceBest").intValue(),
          t.get("bestWeights"), epochs, map(d.get("config")));
    } catch (ModelFileException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ModelFileException(file, "has an invalid checkpoint document", e);
    }
  }

  private static Map<String, Object> optimizerHeader(OptimizerState s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.optimizer());
    m.put("step", s.step());
    m.put("arrays", List.copyOf(s.arrays().keySet()));
    return m;
  }

  private static OptimizerState optimizer(Map<String, Object> header, Map<String, float[]> tensors, String prefix) {
    Map<String, float[]> arrays = new LinkedHashMap<>();
    for (Object name : (List<?>) header.get("arrays")) {
      float[] a = tensors.get(prefix + name);
      if (a == null) throw new IllegalArgumentException("missing tensor " + prefix + name);
      arrays.put(name.toString(), a);
    }
    return new OptimizerState((String) header.get("name"), num(header, "step").longValue(), arrays);
  }

  private static Map<String, Object> record(EpochRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epoch", r.epoch());
    m.put("trainLoss", encode(r.trainLoss()));
    m.put("taskWeights", encode(r.taskWeights()));
    m.put("score", encode(new double[] {r.score()}));
    m.put("best", r.best());
    m.put("seconds", r.seconds());
    m.put("validationSeconds", r.validationSeconds());
    if (r.validation() != null) {
      List<Object> scores = new ArrayList<>();
      for (Evaluation.Score s : r.validation().scores()) {
        Object value = encode(new double[] {s.value()}).get(0);
        // An auxiliary task's scores carry a fifth entry, so checkpoints of runs without one stay as they were.
        scores.add(r.validation().isAuxiliary(s.task())
            ? List.of(s.task(), s.metric(), value, s.higherIsBetter(), "auxiliary")
            : List.of(s.task(), s.metric(), value, s.higherIsBetter()));
      }
      m.put("validation", scores);
    }
    return m;
  }

  private static EpochRecord record(Map<String, Object> m) {
    Evaluation validation = null;
    if (m.get("validation") instanceof List<?> scores) {
      Evaluation.Builder b = Evaluation.builder();
      for (Object o : scores) {
        List<?> s = (List<?>) o;
        b.add((String) s.get(0), (String) s.get(1), decode(List.of(s.get(2)))[0], (Boolean) s.get(3));
        if (s.size() > 4) b.auxiliary((String) s.get(0));
      }
      validation = b.build();
    }
    double[] trainLoss = decode(m.get("trainLoss"));
    double[] weights = new double[trainLoss.length];
    java.util.Arrays.fill(weights, Double.NaN); // an epoch recorded before per-step weights were kept
    if (m.containsKey("taskWeights")) weights = decode(m.get("taskWeights"));
    return new EpochRecord(num(m, "epoch").intValue(), trainLoss, weights, validation,
        decode(m.get("score"))[0], (Boolean) m.get("best"), num(m, "seconds").doubleValue(),
        m.containsKey("validationSeconds") ? num(m, "validationSeconds").doubleValue() : 0); // older checkpoints: 0
  }

  private static int[] counts(Object list) {
    return ((List<?>) list).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
  }

  private static float[] required(Path file, Map<String, float[]> tensors, String name) {
    float[] t = tensors.get(name);
    if (t == null) throw new ModelFileException(file, "has no tensor '" + name + "'");
    return t;
  }

  /** Doubles as JSON numbers (exact round trip); the non-finite ones as strings JSON can hold. */
  static List<Object> encode(double[] values) {
    List<Object> out = new ArrayList<>(values.length);
    for (double v : values) out.add(Double.isFinite(v) ? (Object) v : Double.toString(v));
    return out;
  }

  static double[] decode(Object list) {
    List<?> l = (List<?>) list;
    double[] out = new double[l.size()];
    for (int i = 0; i < out.length; i++) {
      Object o = l.get(i);
      out[i] = o instanceof Number n ? n.doubleValue() : Double.parseDouble(o.toString());
    }
    return out;
  }

  private static Number num(Map<String, ?> m, String key) {
    if (!(m.get(key) instanceof Number n)) throw new IllegalArgumentException("'" + key + "' is missing or not a number");
    return n;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
