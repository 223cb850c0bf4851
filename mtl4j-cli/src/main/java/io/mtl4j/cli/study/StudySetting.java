package io.mtl4j.cli.study;

import io.mtl4j.arch.Architectures;
import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.cli.config.ConfigLoader;
import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.cli.run.Experiment;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.demo.MmoeSynthetic;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.ModelEvaluator;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingResult;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What the weighting study trains on, one seed at a time: the MMoE paper's synthetic tasks, or a run config's data,
 * preprocessing, split, tasks, architecture and training settings (read exactly as {@code compare} reads them).
 */
public interface StudySetting {
  /** The sample as a dataset; task2's label is kept on a seeded random {@code fraction} of the rows. */
  static Dataset dataset(MmoeSynthetic.Sample s, double fraction, long seed) {
    float[] mask = new float[s.rows()];
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int i = 0; i < mask.length; i++) mask[i] = random.nextDouble() < fraction ? 1f : 0f;
    return Dataset.builder(Tensor.of(s.features(), s.rows(), s.inputs()))
        .task("task1", Tensor.of(s.targets()[0], s.rows()))
        .task("task2", Tensor.of(s.targets()[1], s.rows()), Tensor.of(mask, s.rows()))
        .build();
  }

  /** One line for the summary: which data and model. */
  String description();

  /** The data, model and training settings of {@code seed} (it seeds the split, the initialisation and the shuffling). */
  Seed seed(long seed);

  /** One seed's data, model spec and training settings. */
  interface Seed {
    ModelSpec spec();

    /** The training settings with {@code method} as the weighting. */
    TrainingConfig training(String method);

    TrainingResult fit(Trainer trainer, MultiTaskModel model);

    /** Metrics on the held-out test rows. */
    Evaluation test(MultiTaskModel model);
  }

  /** Two regression tasks of correlation {@code correlation}; task2 labelled on a fraction of the training rows. */
  static StudySetting synthetic(String architecture, double correlation, int trainRows, double task2Labelled, int epochs,
                                int threads) {
    Architectures.byName(architecture);
    List<Task> tasks = List.of(Task.of("task1", TaskType.regression(), "mse", "r2"),
        Task.of("task2", TaskType.regression(), "mse", "r2"));
    return new StudySetting() {
      @Override
      public String description() {
        return String.format(java.util.Locale.ROOT, "%s on synthetic tasks (correlation %s, %d training rows, task2 labelled on %s)",
            architecture, correlation, trainRows, task2Labelled);
      }

      @Override
      public Seed seed(long seed) {
        MmoeSynthetic generator = MmoeSynthetic.draw(MmoeSynthetic.Options.paper(correlation), seed);
        Dataset train = dataset(generator.generate(seed * 1000 + 1, trainRows), task2Labelled, seed);
        Dataset valid = dataset(generator.generate(seed * 1000 + 2, 2000), 1, seed);
        Dataset test = dataset(generator.generate(seed * 1000 + 3, 10000), 1, seed);
        ModelSpec spec = new ModelSpec(train.featureCount(), tasks, Architectures.byName(architecture), new Head.Options(8));
        return new Seed() {
          @Override
          public ModelSpec spec() {
            return spec;
          }

          @Override
          public TrainingConfig training(String method) {
            return TrainingConfig.builder().epochs(epochs).batchSize(128).threads(threads).seed(seed)
                .learningRate(1e-3).patience(8).weighting(method).build();
          }

          @Override
          public TrainingResult fit(Trainer trainer, MultiTaskModel model) {
            return trainer.fit(model, train, valid);
          }

          @Override
          public Evaluation test(MultiTaskModel model) {
            return ModelEvaluator.evaluate(model, test);
          }
        };
      }
    };
  }

  /**
   * The config's data and model, with {@code epochs}/{@code threads} (when not null) replacing its training values.
   * Reads the data and prepares seed 1 at once, so that bad input fails before anything is trained or written.
   */
  static StudySetting config(Path file, Path dataDir, Integer epochs, Integer threads) {
    RunConfig cfg = ConfigLoader.load(file);
    if (cfg.classical() != null) {
      throw new IllegalArgumentException(file + " configures classical models (section 'classical'); the weighting study "
          + "needs a deep multi-task model (sections 'architecture' and 'training')");
    }
    RunConfig run = withTraining(cfg, epochs, threads);
    Experiment.Loaded loaded = Experiment.load(run, dataDir);
    return new StudySetting() {
      private long preparedSeed;
      private Experiment prepared;
      private final String description = describe(file, run, seed(1), prepared(1));

      @Override
      public String description() {
        return description;
      }

      /** Only the latest seed's experiment is kept: each holds a full copy of the encoded data. */
      private Experiment prepared(long seed) {
        if (prepared == null || preparedSeed != seed) {
          prepared = null;
          prepared = loaded.prepare(seed);
          preparedSeed = seed;
        }
        return prepared;
      }

      @Override
      public Seed seed(long seed) {
        Experiment exp = prepared(seed);
        if (!exp.hasTest()) {
          throw new IllegalArgumentException("the weighting study needs test rows: set data.test or data.split.test > 0");
        }
        ModelSpec spec = exp.spec(run.architecture());
        return new Seed() {
          @Override
          public ModelSpec spec() {
            return spec;
          }

          @Override
          public TrainingConfig training(String method) {
            return exp.training(seed, method);
          }

          @Override
          public TrainingResult fit(Trainer trainer, MultiTaskModel model) {
            return exp.fit(trainer, model);
          }

          @Override
          public Evaluation test(MultiTaskModel model) {
            return exp.evaluateFinal(model);
          }
        };
      }
    };
  }

  /** Builds seed 1's model and training settings once, so that a bad value fails before any work; describes the run. */
  private static String describe(Path file, RunConfig run, Seed first, Experiment exp) {
    first.training("ew");
    RunConfig.Named w = run.weighting();
    if (w != null && w.name() != null) io.mtl4j.weighting.Weightings.create(w.name(), w.options() == null ? java.util.Map.of() : w.options());
    return String.format(java.util.Locale.ROOT, "%s on %s (rows train / valid / test: %d / %d / %d with seed 1)",
        first.spec().architecture().name(), file.getFileName(), exp.trainRows(), exp.validRows(), exp.testRows());
  }

  private static RunConfig withTraining(RunConfig c, Integer epochs, Integer threads) {
    if (epochs == null && threads == null) return c;
    RunConfig.Training t = c.training() == null ? RunConfig.Training.DEFAULTS : c.training();
    RunConfig.Training changed = new RunConfig.Training(epochs != null ? epochs : t.epochs(), t.batchSize(),
        threads != null ? threads : t.threads(), t.seed(), t.patience(), t.gradClipNorm(), t.sampling(),
        t.representationGradients(), t.frozen());
    return new RunConfig(c.data(), c.features(), c.inputs(), c.tasks(), c.architecture(), c.weighting(), c.optimizer(),
        changed, c.compare(), c.output(), c.classical(), c.tune());
  }
}
