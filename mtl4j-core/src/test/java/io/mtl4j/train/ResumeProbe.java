package io.mtl4j.train;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Dataset;
import io.mtl4j.io.ModelFile;
import io.mtl4j.io.ModelMetadata;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * A training run in its own JVM for {@link KillResumeTest}: {@code ResumeProbe DIR resume(true|false)} trains with
 * checkpoints in DIR, prints one line per step (the parent kills it after some line), and saves DIR/model.mtl4j.
 */
public final class ResumeProbe {
  static final int EPOCHS = 4;

  static TrainingConfig config() {
    return TrainerTest.config().epochs(EPOCHS).threads(2).batchSize(16).checkpointEvery(5).weighting("dwa").build();
  }

  static Dataset train() {
    return TrainerTest.data(400, 3, true);
  }

  static Dataset valid() {
    return TrainerTest.data(100, 4, false);
  }

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    boolean resume = Boolean.parseBoolean(args[1]);
    PrintStream out = System.out;
    MultiTaskModel model = TrainerTest.model(1);
    new Trainer(config(), new TrainingListener() {
      @Override
      public void onStep(StepRecord record) {
        out.println("step " + record.step());
        out.flush();
      }
    }).checkpoints(dir, resume).fit(model, train(), valid());
    ModelFile.save(dir.resolve("model.mtl4j"), model, ModelMetadata.empty());
    out.println("done");
  }
}
