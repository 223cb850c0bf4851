package io.mtl4j.cli;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.TaskSurgery;
import io.mtl4j.cli.run.ModelStore;
import io.mtl4j.cli.run.Outputs;
import io.mtl4j.data.LabelEncoder;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.io.ModelFile;
import io.mtl4j.io.ModelMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Removes a task from a saved model; the other tasks keep their parameters and predict exactly as before. */
@Command(name = "remove-task", mixinStandardHelpOptions = true,
    description = "Remove a task from a trained model and write the smaller model.")
final class RemoveTaskCommand implements Callable<Integer> {
  @Option(names = {"-m", "--model"}, required = true, description = "model file written by 'mtl4j train'") Path modelFile;
  @Option(names = {"-t", "--task"}, required = true, description = "the task to remove") String task;
  @Option(names = {"-o", "--out"}, required = true, description = "model file to write") Path out;
  @Option(names = "--force", description = "overwrite an existing output file") boolean force;

  @picocli.CommandLine.Mixin ModelKeyOption modelKey = new ModelKeyOption();

  @Override
  public Integer call() {
    io.mtl4j.io.ModelKey key = modelKey.key();
    Outputs.checkFile("--out", out, force);
    ModelStore.Loaded saved = ModelStore.load(modelFile, key);
    MultiTaskModel model = TaskSurgery.removeTask(saved.model(), task);
    List<LabelEncoder> labels = saved.preprocessing().labels().stream().filter(l -> !l.spec().task().equals(task)).toList();
    Preprocessing p = new Preprocessing(saved.preprocessing().encoders(), labels);
    ModelMetadata m = saved.metadata();
    ModelFile.save(out, model, new ModelMetadata(p.toMap(), m.training(), m.provenance()), key);
    System.out.println("Wrote " + out + ": tasks " + model.tasks().stream().map(t -> t.name()).toList());
    return 0;
  }
}
