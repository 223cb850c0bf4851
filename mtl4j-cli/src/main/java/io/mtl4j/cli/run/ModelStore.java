package io.mtl4j.cli.run;

import io.mtl4j.train.Predictor;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.io.ModelFile;
import io.mtl4j.io.ModelKey;
import io.mtl4j.io.ModelMetadata;
import io.mtl4j.io.Provenance;
import io.mtl4j.io.SavedModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import io.mtl4j.io.ClassicalModelFile;
import io.mtl4j.task.Task;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.ModelEvaluator;

/**
 * The one place where CLI commands save and load models: the network (or classical model, see {@link ClassicalStore})
 * plus the fitted preprocessing.
 */
public final class ModelStore {
  /** A loaded model and the preprocessing it was trained with. */
  public record Loaded(MultiTaskModel model, Preprocessing preprocessing, ModelMetadata metadata) {}

  /**
   * Any model the CLI trains, deep or classical, as {@code evaluate} and {@code predict} use it.
   *
   * @param tasks     the model's tasks (types and metric names)
   * @param model     what it is: the architecture's or formulation's name
   * @param predictor features [B, D] → task → outputs in a network's form ({@link ModelEvaluator#predictor})
   * @param provenance where it came from: the run seed it was trained with, data checksum, version
   */
  public record Predicting(Preprocessing preprocessing, List<Task> tasks, String model,
                           Predictor predictor, Provenance provenance) {
    /** The run seed the model was trained with. */
    public long seed() {
      return provenance.seed();
    }
  }

  private ModelStore() {}

  public static void save(Path file, MultiTaskModel model, Preprocessing preprocessing, Map<String, Object> training,
                   String dataSha256, long seed, int threads) {
    save(file, model, preprocessing, training, dataSha256, seed, threads, key());
  }

  /** As above, with {@code key} (null: none) instead of the environment's. */
  public static void save(Path file, MultiTaskModel model, Preprocessing preprocessing, Map<String, Object> training,
                   String dataSha256, long seed, int threads, ModelKey key) {
    createParent(file);
    ModelFile.save(file, model, new ModelMetadata(preprocessing.toMap(), training, Provenance.of(dataSha256, seed, threads)),
        key);
  }

  /**
   * The model key of {@value ModelKey#ENV}, or null: with one, every model the CLI writes carries an HMAC and every
   * model it reads must carry a valid one (docs/security.md).
   */
  public static ModelKey key() {
    return ModelKey.fromEnvironment(System.getenv());
  }

  /** The key in {@code flagFile} (given as {@code --model-key-file}), or when that is null {@link #key()}. */
  public static ModelKey key(Path flagFile) {
    if (flagFile == null) return key();
    try {
      return ModelKey.fromFile(flagFile);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--model-key-file: " + e.getMessage(), e);
    }
  }

  static void createParent(Path file) {
    try {
      java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create " + file.getParent(), e);
    }
  }

  /** Loads a deep or a classical model file written by {@code mtl4j train}. */
  public static Predicting predicting(Path file, ModelKey key) {
    return predicting(file, key, false);
  }

  /** As {@link #predicting(Path, ModelKey)}; {@code int8}: a network's weights quantized as {@code export --int8} stores them. */
  public static Predicting predicting(Path file, ModelKey key, boolean int8) {
    if (!java.nio.file.Files.isRegularFile(file)) throw new IllegalArgumentException("model file " + file + " does not exist");
    boolean classical = ClassicalModelFile.isClassical(file, key);
    if (classical && int8) throw new IllegalArgumentException("--int8: " + file + " is a classical model; int8 weights are for networks");
    if (classical) return ClassicalStore.load(file, key);
    Loaded l = load(file, key);
    MultiTaskModel model = int8 ? io.mtl4j.quant.Int8Weights.quantize(l.model()).model() : l.model();
    return new Predicting(l.preprocessing(), model.tasks(), model.spec().architecture().name(),
        ModelEvaluator.predictor(model), l.metadata().provenance());
  }


  public static Loaded load(Path file) {
    return load(file, key());
  }

  /** As above, with {@code key} (null: none) instead of the environment's. */
  public static Loaded load(Path file, ModelKey key) {
    if (!java.nio.file.Files.isRegularFile(file)) throw new IllegalArgumentException("model file " + file + " does not exist");
    SavedModel saved = ModelFile.load(file, key);
    if (saved.metadata().preprocessing().isEmpty()) {
      throw new IllegalArgumentException(file + " holds no preprocessing; it was not written by 'mtl4j train'");
    }
    Preprocessing p = Preprocessing.fromMap(saved.metadata().preprocessing());
    // Both halves pass their own checks; only together do they show the file was assembled or edited wrongly.
    if (p.width() != saved.model().spec().inputs()) {
      throw new IllegalArgumentException(file + ": the network takes " + saved.model().spec().inputs() + " inputs but "
          + "the preprocessing makes " + p.width() + "; the file was not written whole by "
          + "'mtl4j train' (retrain, or use the original file)");
    }
    var groups = p.groups() == null ? null : p.groups().inputSpec();
    if (!java.util.Objects.equals(groups, saved.model().spec().groups())) {
      throw new IllegalArgumentException(file + ": the network's feature groups " + saved.model().spec().groups()
          + " differ from the preprocessing's " + groups + "; the file was not written whole by 'mtl4j train' "
          + "(retrain, or use the original file)");
    }
    return new Loaded(saved.model(), p, saved.metadata());
  }
}
