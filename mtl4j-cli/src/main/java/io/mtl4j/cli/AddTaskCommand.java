package io.mtl4j.cli;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.TaskSurgery;
import io.mtl4j.cli.config.ConfigLoader;
import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.cli.run.AuxiliaryEntries;
import io.mtl4j.cli.run.DataOptions;
import io.mtl4j.cli.run.Experiment;
import io.mtl4j.cli.run.ModelStore;
import io.mtl4j.cli.run.Outputs;
import io.mtl4j.cli.run.TransferRun;
import io.mtl4j.data.LabelEncoder;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.task.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Adds a task head to a trained model and trains it, by default with every old parameter frozen so the old tasks
 * predict exactly as before. The config's {@code tasks} name the new one (its label column and type); the data
 * needs the model's feature columns and the new label (the old labels too with {@code --train-all}).
 */
@Command(name = "add-task", mixinStandardHelpOptions = true,
    description = "Add a task to a trained model and train it; writes OUT/model.mtl4j and OUT/metrics.json.")
final class AddTaskCommand implements Callable<Integer> {
  @Option(names = {"-m", "--model"}, required = true, description = "model file written by 'mtl4j train'") Path modelFile;
  @Option(names = {"-c", "--config"}, required = true, description = "YAML config: data, the new task (old ones optional), training")
  Path config;
  @Option(names = {"-t", "--task"}, required = true, description = "name of the new task (one of the config's tasks)") String task;
  @Option(names = "--data-dir", description = "directory the config's data files are relative to") Path dataDir;
  @Option(names = {"-o", "--out"}, required = true, description = "output directory (must be empty unless --force)") Path out;
  @Option(names = "--force", description = "write into a non-empty output directory") boolean force;
  @Option(names = "--train-all", description = "train every parameter, not only the new task's") boolean trainAll;

  @picocli.CommandLine.Mixin ModelKeyOption modelKey = new ModelKeyOption();
  @picocli.CommandLine.Mixin io.mtl4j.cli.terminal.VerbosityOption verbosity = new io.mtl4j.cli.terminal.VerbosityOption();

  @Override
  public Integer call() {
    io.mtl4j.io.ModelKey key = modelKey.key();
    return Outputs.removedOnOutOfMemory(out, () -> addTask(key));
  }

  private Integer addTask(io.mtl4j.io.ModelKey key) {
    RunConfig cfg = ConfigLoader.load(config);
    Outputs.check(out, force);
    ModelStore.Loaded saved = ModelStore.load(modelFile, key);
    for (Task t : saved.model().tasks()) {
      if (t.name().equals(task)) throw new IllegalArgumentException("--task " + task + ": the model already has this task");
    }
    int index = -1;
    for (int i = 0; i < cfg.tasks().size(); i++) if (task.equals(cfg.tasks().get(i).name())) index = i;
    if (index < 0) {
      throw new IllegalArgumentException("--task " + task + " is not among the config's tasks "
          + cfg.tasks().stream().map(RunConfig.TaskEntry::name).toList());
    }
    long seed = Experiment.seedOf(cfg);
    RunConfig.TaskEntry entry = cfg.tasks().get(index);
    if (AuxiliaryEntries.fromInput(entry)) {
      throw new IllegalArgumentException("--task " + task + ": tasks." + task + ".auxiliary computes its targets from "
          + "the input; add-task adds a task read from label columns (train a model with it instead)");
    }
    Experiment.Loaded loaded = Experiment.load(cfg, dataDir);
    io.mtl4j.data.Split split = TransferRun.split(loaded, seed);
    // The new label is fitted on the new training rows; features keep the model's fitted encoding.
    LabelEncoder label = Preprocessing.fit(loaded.table(), split.train(), DataOptions.featureOptions(cfg.features()),
        Experiment.labelSpecs(List.of(entry))).labels().get(0);
    List<LabelEncoder> labels = new ArrayList<>(saved.preprocessing().labels());
    labels.add(label);
    Preprocessing combined = new Preprocessing(saved.preprocessing().encoders(), labels);
    Task newTask = Experiment.labelled(entry, label.taskType()); // auxiliary and productOf as the config says
    newTask.newLoss(); // the CLI binds the built-in losses: a misspelt one fails here, before anything is written
    if (newTask.isProduct() && !trainAll) {
      throw new IllegalArgumentException("--task " + task + " is the product of " + newTask.productOf() + " and has no "
          + "parameters of its own: with the old tasks frozen nothing would train; add --train-all");
    }
    MultiTaskModel model = TaskSurgery.addTask(saved.model(), newTask, seed);
    List<String> frozen = new ArrayList<>();
    if (!trainAll) {
      frozen.add("shared");
      for (Task t : saved.model().tasks()) frozen.add("task:" + t.name());
    }
    // With the old tasks frozen only the new label is read, so the new data need not hold the old label columns.
    Preprocessing reading = trainAll ? combined : new Preprocessing(saved.preprocessing().encoders(), List.of(label));
    TransferRun run = TransferRun.prepare(loaded, split, reading);
    run.trainAndWrite(verbosity.value(), "add-task", model, combined, TransferRun.frozen(TransferRun.training(cfg, seed), frozen), out,
        saved.metadata(), key);
    return 0;
  }
}
