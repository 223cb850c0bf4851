package io.mtl4j.cli.run;

import io.mtl4j.classical.ClassicalModel;
import io.mtl4j.classical.Formulations;
import io.mtl4j.classical.MultiTaskData;
import io.mtl4j.classical.MultiTaskSVM;
import io.mtl4j.classical.PlattScaling;
import io.mtl4j.classical.Tuner;
import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.config.OptionBinder;
import io.mtl4j.task.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One classical formulation of a config fitted on an experiment's training rows: the formulation and its options
 * checked against the tasks before anything is read or written, list-valued options tuned as in the fixed-split
 * comparison ({@link Tuner}), and MT-SVM margins calibrated to probabilities ({@link PlattScaling}).
 */
public final class ClassicalFit {
  /**
   * A formulation to fit.
   *
   * @param name        the model's name in outputs (compare's table, {@code models/NAME.mtl4j})
   * @param formulation its registry name
   * @param options     its options (a list = a grid to tune)
   * @param key         where the config gives it, for error messages ({@code classical}, {@code classical.models[1]})
   */
  public record Spec(String name, String formulation, Map<String, Object> options, String key) {
    public Spec {
      options = options == null ? Map.of() : new LinkedHashMap<>(options);
    }
  }

  /**
   * Where a fit runs: this JVM ({@link #JVM}), or a cluster engine ({@code --engine spark}) that serves the solver's
   * full-gradient steps from the rows it holds.
   *
   * @param cluster the engine, or null for this JVM
   * @param master  its master URL, or null for the engine's default
   */
  public record Engine(io.mtl4j.classical.ClassicalEngine cluster, String master) {
    public static final Engine JVM = new Engine(null, null);
  }

  /** A fitted formulation: its predictor, the options it was fitted with (grids resolved, seed filled in). */
  public record Fitted(ClassicalPredictor predictor, Map<String, Object> options, double seconds) {}

  private ClassicalFit() {}

  /** What {@code train} fits: {@code classical.formulation} with {@code classical.options}, or the only model listed. */
  public static Spec forTrain(RunConfig cfg) {
    RunConfig.Classical c = cfg.classical();
    refuseInputs(cfg);
    if (c.splits() != null) {
      throw new IllegalArgumentException("classical.splits = '" + c.splits() + "': a fixed split set is for 'mtl4j "
          + "compare'; 'train' fits classical.formulation on the data/split/tasks sections (remove classical.splits)");
    }
    if (c.formulation() != null) return new Spec(c.formulation(), c.formulation(), c.options(), "classical");
    if (c.models() != null && c.models().size() == 1) return entries(cfg).get(0);
    throw new IllegalArgumentException("classical.formulation is missing: name the formulation to train, one of "
        + Formulations.names() + " (with its options under classical.options)");
  }

  /** What {@code compare} runs beside the deep models: {@code classical.models}, else {@code classical.formulation}. */
  public static List<Spec> entries(RunConfig cfg) {
    RunConfig.Classical c = cfg.classical();
    if (c == null) return List.of();
    refuseInputs(cfg);
    List<Spec> out = new ArrayList<>();
    if (c.models() != null) {
      for (int i = 0; i < c.models().size(); i++) {
        RunConfig.ClassicalModel m = c.models().get(i);
        String key = "classical.models[" + i + "]";
        if (m == null || m.formulation() == null) {
          throw new IllegalArgumentException(key + ".formulation is missing: one of " + Formulations.names());
        }
        out.add(new Spec(m.name() == null ? m.formulation() : m.name(), m.formulation(), m.options(), key));
      }
    } else if (c.formulation() != null) {
      out.add(new Spec(c.formulation(), c.formulation(), c.options(), "classical"));
    }
    return out;
  }

  /** Classical formulations read one features matrix: feature groups with encoders are for networks. */
  private static void refuseInputs(RunConfig cfg) {
    if (cfg.inputs() != null) {
      throw new IllegalArgumentException("inputs: classical formulations read one features matrix (numbers scaled, "
          + "categories one-hot); remove the inputs section or the classical section");
    }
  }

  /**
   * Refuses a formulation name or option the registry does not know and a formulation that cannot serve a task: a
   * least-squares model fits regression tasks, a classifier (loss logistic, mt-svm) binary ones, none multiclass or
   * multilabel tasks.
   */
  public static void check(Spec spec, List<Task> tasks) {
    boolean classifier;
    try {
      classifier = Formulations.classifier(spec.formulation(), ClassicalComparison.scalarDefaults(spec.options()));
    } catch (IllegalArgumentException e) {
      String key = e.getMessage().startsWith("unknown formulation") ? ".formulation: " : ".options: ";
      throw new IllegalArgumentException(spec.key() + key + e.getMessage(), e);
    }
    for (Task t : tasks) {
      String kind = t.type().kind();
      boolean ok = kind.equals("binary") ? classifier : kind.equals("regression") && !classifier;
      if (ok) continue;
      String what = spec.key() + ".formulation '" + spec.formulation() + "' "
          + (!classifier ? "fits least squares" : spec.formulation().equals("mt-svm") ? "is a classifier"
              : "with loss logistic is a classifier");
      String fix = switch (kind) {
        case "binary" -> spec.formulation().equals("gomtl") ? "gomtl fits regression only; use another formulation "
            + "with loss: logistic, or mt-svm" : "set " + spec.key() + ".options.loss: logistic, or use mt-svm";
        case "regression" -> "use a formulation with loss: least-squares (not mt-svm)";
        default -> "classical formulations serve regression and binary tasks only; use a deep model for it";
      };
      throw new IllegalArgumentException(what + " and cannot serve task '" + t.name() + "' of type " + kind + ": " + fix);
    }
  }

  /** Fits {@code spec} on the training rows of {@code exp}; {@code seed} fills in an absent {@code seed} option. */
  public static Fitted fit(Spec spec, Experiment exp, List<Task> tasks, long seed) {
    return fit(spec, exp, tasks, seed, Engine.JVM);
  }

  /** Fits {@code spec} as {@link #fit(Spec, Experiment, List, long)} does, on {@code engine}. */
  public static Fitted fit(Spec spec, Experiment exp, List<Task> tasks, long seed, Engine engine) {
    check(spec, tasks);
    long start = System.nanoTime();
    MultiTaskData train = ClassicalData.training(exp, tasks);
    Map<String, Object> options = new LinkedHashMap<>(spec.options());
    Tuner.Options tuning = ClassicalComparison.tuningOptions(options, Tuner.Options.defaults());
    if (!OptionBinder.hasKey(options, "seed")) options.put("seed", seed);
    if (Tuner.needsTuning(options) && engine.cluster() != null) {
      throw new IllegalArgumentException(spec.key() + ".options: a list value is a grid, tuned by refitting in one "
          + "JVM; give one value per option with --engine " + engine.cluster().name());
    }
    if (Tuner.needsTuning(options)) options = Tuner.select(spec.formulation(), options, train, tuning).options();
    ClassicalModel model;
    try {
      io.mtl4j.classical.Formulation formulation = Formulations.create(spec.formulation(), options);
      model = engine.cluster() == null ? formulation.fit(train)
          : engine.cluster().fit(formulation, train, engine.master());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(spec.key() + ": " + e.getMessage(), e);
    }
    List<String> names = tasks.stream().map(Task::name).toList();
    List<Boolean> binary = tasks.stream().map(t -> t.type().kind().equals("binary")).toList();
    Map<String, PlattScaling> calibration = new LinkedHashMap<>();
    if (model instanceof MultiTaskSVM.Model) {
      for (int t = 0; t < tasks.size(); t++) calibration.put(names.get(t), PlattScaling.fit(model.predict(train, t), train.y(t)));
    }
    return new Fitted(new ClassicalPredictor(model, names, binary, calibration), options,
        (System.nanoTime() - start) / 1e9);
  }
}
