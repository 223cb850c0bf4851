package io.mtl4j.cli.run;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.cli.terminal.TrainingProgress;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.Split;
import io.mtl4j.io.ModelFile;
import io.mtl4j.io.ModelMetadata;
import io.mtl4j.io.Provenance;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.train.ModelEvaluator;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The common path of {@code finetune} and {@code add-task}: new data read with a config's data section and split
 * with its seed, encoded with the trained model's preprocessing, training with some parameters frozen, and
 * OUT/model.mtl4j + OUT/metrics.json written whole.
 */
public final class TransferRun {
  final Dataset train;
  final Dataset valid;
  final Dataset test;

  private TransferRun(Dataset train, Dataset valid, Dataset test) {
    this.train = train;
    this.valid = valid;
    this.test = test;
  }

  /** Reads and splits the config's data and encodes it with {@code p} (fitted on the original training data). */
  public static TransferRun prepare(RunConfig cfg, Path dataDir, long seed, Preprocessing p) {
    Experiment.Loaded loaded = Experiment.load(cfg, dataDir);
    return prepare(loaded, split(loaded, seed), p);
  }

  public static Split split(Experiment.Loaded loaded, long seed) {
    if (loaded.taskRows() != null) {
      throw new IllegalArgumentException("multi-input configs (data.taskColumn, tasks[].file) work with train, compare "
          + "and evaluate, not yet with finetune/add-task/remove-task");
    }
    Split.Options options = DataOptions.splitOptions(loaded.config().data().split());
    Split split = loaded.fixed() == null ? Split.of(loaded.table(), options, seed) : loaded.fixed();
    if (loaded.fixed() != null) Split.requireColumnHonoured(loaded.table(), split, options);
    if (split.train().length == 0) throw new IllegalArgumentException("the split leaves no training rows");
    return split;
  }

  public static TransferRun prepare(Experiment.Loaded loaded, Split split, Preprocessing p) {
    return new TransferRun(p.dataset(loaded.table(), split.train()),
        split.valid().length == 0 ? null : p.dataset(loaded.table(), split.valid()),
        split.test().length == 0 ? null : p.dataset(loaded.table(), split.test()));
  }

  /** The config's training settings, with the defaults of {@code train}. */
  public static TrainingConfig training(RunConfig config, long seed) {
    return Experiment.training(config, seed, null);
  }

  public static TrainingConfig frozen(TrainingConfig t, List<String> frozen) {
    return t.toBuilder().frozen(frozen).build();
  }

  /** Trains, evaluates on the test (else validation) rows and writes the model and metrics into {@code out}. */
  public Evaluation trainAndWrite(io.mtl4j.cli.terminal.Verbosity verbosity, String command, MultiTaskModel model, Preprocessing p, TrainingConfig training, Path out,
                           ModelMetadata previous, io.mtl4j.io.ModelKey key) {
    List<String> tasks = model.tasks().stream().map(t -> t.name()).toList();
    TrainingResult result = new Trainer(training, TrainingProgress.create(command, tasks, System.out, verbosity))
        .fit(model, train, valid);
    Dataset finalData = test != null ? test : valid != null ? valid : train;
    List<String> present = tasks.stream().filter(finalData::hasTask).toList();
    Evaluation evaluation = ModelEvaluator.evaluate(model, finalData, present);
    Outputs o = Outputs.create(out);
    Map<String, Object> trainingMap = new LinkedHashMap<>(training.toMap());
    trainingMap.put("command", command);
    trainingMap.put("previousTraining", previous.training());
    ModelFile.save(o.path("model.mtl4j"), model, new ModelMetadata(p.toMap(), trainingMap,
        Provenance.of(null, training.seed(), training.threads())), key);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("command", command);
    metrics.put("test", Summaries.evaluation(evaluation));
    metrics.put("training", Summaries.training(result, tasks));
    o.writeJson("metrics.json", metrics);
    System.out.print(Summaries.format(evaluation));
    System.out.println("Wrote " + o.path("model.mtl4j") + ", " + o.path("metrics.json"));
    return evaluation;
  }
}
