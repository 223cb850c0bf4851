package io.mtl4j.cli.run;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.optim.SGD;
import io.mtl4j.train.Hogwild;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingResult;

/**
 * {@code training.async: true}: the run trains with {@link Hogwild} instead of the synchronous trainer. Hogwild is
 * plain SGD on the tasks' weighted loss sum with no per-step reduction, so every setting that needs one (another
 * weighting or optimizer, clipping, early stopping, frozen parameters, checkpoints, multi-input data) is refused by
 * its key rather than ignored.
 */
public final class AsyncTraining {
  private AsyncTraining() {}

  public static boolean requested(RunConfig cfg) {
    return cfg.training() != null && Boolean.TRUE.equals(cfg.training().async());
  }

  /** Hogwild's options from the run's settings; fails naming the first key async training cannot honour. */
  public static Hogwild.Options options(RunConfig cfg, TrainingConfig t, boolean checkpoints) {
    RunConfig.Training s = cfg.training();
    String why = !t.weighting().name().equalsIgnoreCase("ew") ? "weighting.name must be ew (one loss sum per worker step)"
        : !(t.optimizer().value() instanceof SGD.Options sgd) ? "optimizer.name must be sgd (Hogwild is plain SGD)"
        : sgd.momentum() != 0 || sgd.weightDecay() != 0 ? "optimizer.options: momentum and weightDecay must be 0"
        : s.patience() != null && s.patience() > 0 ? "training.patience must be 0 (no early stopping)"
        : s.gradClipNorm() != null && s.gradClipNorm() > 0 ? "training.gradClipNorm must be 0 (no global norm)"
        : s.frozen() != null && !s.frozen().isEmpty() ? "training.frozen is not available"
        : Boolean.TRUE.equals(s.representationGradients()) ? "training.representationGradients is not available"
        : cfg.data().taskColumn() != null || cfg.tasks().stream().anyMatch(e -> e.file() != null)
            ? "multi-input data is not available"
        : checkpoints ? "--resume and --checkpoint-every are not available"
        : null;
    if (why != null) throw new IllegalArgumentException("training.async: " + why);
    return new Hogwild.Options(t.threads(), t.epochs(), t.batchSize(), ((SGD.Options) t.optimizer().value()).learningRate(),
        t.seed());
  }

  /** Trains {@code model} on the experiment's training rows, validating on its validation rows after each epoch. */
  public static TrainingResult fit(Experiment exp, MultiTaskModel model, Hogwild.Options options) {
    return Hogwild.fit(model, exp.train, exp.valid, options);
  }
}
