package io.mtl4j.cli.config;

import java.util.List;
import java.util.Map;

/**
 * A run's YAML configuration: data, features, inputs, tasks, architecture, weighting, optimizer, training, compare,
 * output. Every section is optional except data and tasks; absent values take the documented defaults.
 *
 * @param inputs feature groups (each a map bound by {@link io.mtl4j.data.InputGroupOptions}, errors naming
 *               {@code inputs[i].key}); absent: every column not dropped feeds one dense matrix, as before
 */
public record RunConfig(Data data, Features features, List<Map<String, Object>> inputs, List<TaskEntry> tasks,
                        Architecture architecture, Named weighting, Named optimizer, Training training, Compare compare,
                        Output output, Classical classical, Tune tune) {

  /** A config without a {@code tune} section. */
  public RunConfig(Data data, Features features, List<Map<String, Object>> inputs, List<TaskEntry> tasks,
                   Architecture architecture, Named weighting, Named optimizer, Training training, Compare compare,
                   Output output, Classical classical) {
    this(data, features, inputs, tasks, architecture, weighting, optimizer, training, compare, output, classical, null);
  }

  /**
   * Hyperparameter search for {@code train} and {@code compare} (each compared model tuned alike); see
   * {@link io.mtl4j.cli.tune.TuneSettings} for defaults and bounds.
   *
   * @param method grid (every combination of the lists) or random ({@code budget} seeded draws)
   * @param budget the most trials to train
   * @param metric validation score to maximise: primary (each task's first metric), METRIC (its mean over tasks),
   *               TASK/METRIC, or deltaM (Δm% against the untuned config)
   * @param seed   random's draws
   * @param space  config key path ({@code optimizer.options.learningRate}) → list of values, or (random)
   *               {@code {min, max, log}}
   */
  public record Tune(String method, Integer budget, String metric, Long seed, Map<String, Object> space) {}

  /**
   * Classical multi-task models (regularised linear models, MT-SVM) instead of the deep-model sections. With
   * {@code splits} they are compared on that fixed split set and the tasks are the data's groups (School's schools);
   * without, they use the ordinary {@code data}/{@code split}/{@code tasks} sections: {@code train} fits
   * {@code formulation} with {@code options}, {@code compare} runs {@code models} beside the deep architectures.
   *
   * @param splits      the split set: {@code school-cikm2019} (the 10 fixed 75/25 splits under the data directory)
   * @param models      each a name, a formulation ({@code trace}, {@code lasso}, …) and its options; an option given as
   *                    a list is tuned on a validation part of each split's training rows
   * @param threads     workers over models × splits; 0 or absent: all cores
   * @param formulation the formulation {@code train} fits (absent: the only entry of {@code models})
   * @param options     its options ({@code io.mtl4j.classical.Formulations} lists them)
   */
  public record Classical(String splits, List<ClassicalModel> models, Integer threads, String formulation,
                          Map<String, Object> options) {}

  /** One classical model: see {@code io.mtl4j.classical.Formulations} for formulations and their options. */
  public record ClassicalModel(String name, String formulation, Map<String, Object> options) {}

  /**
   * Input files (relative to {@code --data-dir}, else to the working directory) and how to read and split them.
   *
   * @param dataset registry name ({@code mtl4j datasets list}); files then resolve in its cache directory
   * @param train   training file; with no {@code valid}/{@code test} file it is split as {@code split} says
   * @param taskColumn multi-input data: a row belongs to the task whose name (or one of whose {@code values}) this
   *                column holds; each task is split on its own (see also {@link TaskEntry#file})
   * @param streaming out-of-core training: the training file is streamed instead of read into memory
   */
  public record Data(String dataset, String train, String valid, String test, Boolean header, List<String> columns,
                     String delimiter, String quote, Boolean trim, String comment, List<String> missing, Split split,
                     String taskColumn, Streaming streaming) {}

  /** See {@link io.mtl4j.data.StreamingOptions}; absent keys take its defaults. */
  public record Streaming(Integer chunkRows, Integer shuffleBuffer, Integer maxDistinct, Boolean parseAhead,
                          String cacheDir, Integer cacheMaxMB) {}

  /**
   * How a single training file is cut (fractions of rows).
   *
   * @param crossValidate with method kfold: train and test every fold in turn (then no {@code fold}), reporting
   *                      per-fold and mean ± std metrics
   */
  public record Split(String method, Double valid, Double test, String column, Integer folds, Integer fold,
                      Boolean crossValidate) {}

  /** See {@link io.mtl4j.data.FeatureOptions}. */
  public record Features(List<String> include, List<String> drop, List<String> numeric, List<String> categorical,
                         String scaling, Map<String, String> scalingByColumn, String encoding, Integer maxCategories,
                         Integer hashBuckets, Integer minCount) {}

  /**
   * One task: its label column(s) and how to read them; see {@link io.mtl4j.data.LabelSpec}.
   *
   * @param file   multi-input data: the task's own file (every task then has one, all with the same columns)
   * @param values      with {@code data.taskColumn}: the column's values that mean this task (default: its name)
   * @param standardise regression: learn the target standardised with the training rows' mean and std (default
   *                    true; predictions and metrics stay in the target's units); false trains on the raw values
   * @param productOf   binary tasks whose probabilities multiply into this binary task's (ESMM: ctcvr = ctr × cvr)
   * @param auxiliary   true: the task is trained (with its weight) but left out of averages, Δm%, model selection
   *                    and predict's default columns; see {@link io.mtl4j.task.Auxiliary}. A mapping
   *                    {@code {targets, of, vocabulary}} makes it such a task whose targets come from the input
   *                    (reconstruction, masked-token), bound by {@link io.mtl4j.data.SelfTargetOptions}
   * @param classes     segmentation: the pixel classes, background included; {@code columns} are then the mask's
   *                    pixels (ranges such as {@code m0..m783}), as many as the image group's
   */
  public record TaskEntry(String name, String type, String column, List<String> columns, List<String> positive,
                          String expression, List<String> metrics, String loss, Double weight, String file,
                          List<String> values, Boolean standardise, List<String> productOf, Object auxiliary,
                          Integer classes) {}

  /** Architecture registry name, its options, and the per-task head (tower) options. */
  public record Architecture(String name, Map<String, Object> options, Map<String, Object> head) {}

  /** A registry name and its options (weighting, optimizer). */
  public record Named(String name, Map<String, Object> options) {}

  /**
   * Absent keys take {@link io.mtl4j.train.TrainingConfig.Builder}'s defaults, the ones the Java API uses.
   *
   * @param threads 0: all cores; absent: the default (1, so that a run gives the same result on any machine)
   * @param patience epochs without a better mean validation score before stopping (0: never)
   * @param sampling multi-input data: cycle (default), round-robin or proportional; see {@link io.mtl4j.data.Sampling}
   * @param representationGradients gradient weightings work on the shared representation's per-task gradients
   *                (LibMTL's rep_grad; shared-bottom and MMoE-family models); default false
   * @param frozen  parameters that get no update: {@code shared}, {@code task:NAME}, a parameter name
   *                ({@code encoder.text.table}: a pre-trained word table) or a prefix ending in {@code *}
   * @param async   Hogwild! asynchronous SGD on {@code threads} lock-free workers ({@link io.mtl4j.train.Hogwild}):
   *                not deterministic; default false (the deterministic data-parallel trainer)
   */
  public record Training(Integer epochs, Integer batchSize, Integer threads, Long seed, Integer patience,
                         Double gradClipNorm, String sampling, Boolean representationGradients, List<String> frozen,
                         Boolean async) {
    /** A config without a training section: every setting takes its default. */
    public static final Training DEFAULTS = new Training(null, null, null, null, null, null, null, null, null, null);

    /** Synchronous training (no {@code async} key). */
    public Training(Integer epochs, Integer batchSize, Integer threads, Long seed, Integer patience,
                    Double gradClipNorm, String sampling, Boolean representationGradients, List<String> frozen) {
      this(epochs, batchSize, threads, seed, patience, gradClipNorm, sampling, representationGradients, frozen, null);
    }
  }

  /**
   * Models compared by {@code mtl4j compare}: each runs with every weighting and every seed on the same split.
   *
   * @param models     architectures (name, options, head); absent: single-task, shared-bottom and mmoe
   * @param weightings weighting names; absent: the config's weighting
   * @param seeds      number of seeds 1..n (at least 1)
   * @param baseline   model for Δm% (default single-task)
   */
  public record Compare(List<Architecture> models, List<String> weightings, Integer seeds, String baseline) {}

  /** @param report write report.html */
  public record Output(Boolean report) {}
}
