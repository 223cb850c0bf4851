package io.mtl4j.cli;

import io.mtl4j.cli.config.ConfigLoader;
import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.cli.run.Experiment;
import io.mtl4j.cli.run.ModelStore;
import io.mtl4j.cli.run.Outputs;
import io.mtl4j.cli.run.TransferRun;
import io.mtl4j.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Continues training a saved model on new data (same columns and tasks), optionally with the shared part frozen. */
@Command(name = "finetune", mixinStandardHelpOptions = true,
    description = "Fine-tune a trained model on new data; writes OUT/model.mtl4j and OUT/metrics.json.")
final class FinetuneCommand implements Callable<Integer> {
  @Option(names = {"-m", "--model"}, required = true, description = "model file written by 'mtl4j train'") Path modelFile;
  @Option(names = {"-c", "--config"}, required = true, description = "YAML config: the new data and the training settings")
  Path config;
  @Option(names = "--data-dir", description = "directory the config's data files are relative to") Path dataDir;
  @Option(names = {"-o", "--out"}, required = true, description = "output directory (must be empty unless --force)") Path out;
  @Option(names = "--force", description = "write into a non-empty output directory") boolean force;
  @Option(names = "--freeze-shared", description = "train only the task-specific parameters") boolean freezeShared;

  @picocli.CommandLine.Mixin ModelKeyOption modelKey = new ModelKeyOption();
  @picocli.CommandLine.Mixin io.mtl4j.cli.terminal.VerbosityOption verbosity = new io.mtl4j.cli.terminal.VerbosityOption();

  @Override
  public Integer call() {
    io.mtl4j.io.ModelKey key = modelKey.key();
    return Outputs.removedOnOutOfMemory(out, () -> finetune(key));
  }

  private Integer finetune(io.mtl4j.io.ModelKey key) {
    RunConfig cfg = ConfigLoader.load(config);
    Outputs.check(out, force);
    ModelStore.Loaded saved = ModelStore.load(modelFile, key);
    long seed = Experiment.seedOf(cfg);
    TransferRun run = TransferRun.prepare(cfg, dataDir, seed, saved.preprocessing());
    TrainingConfig training = TransferRun.frozen(experimentTraining(cfg, saved, seed),
        freezeShared ? List.of("shared") : List.of());
    run.trainAndWrite(verbosity.value(), "finetune", saved.model(), saved.preprocessing(), training, out, saved.metadata(), key);
    return 0;
  }

  static TrainingConfig experimentTraining(RunConfig cfg, ModelStore.Loaded saved, long seed) {
    return TransferRun.training(cfg, seed);
  }
}
