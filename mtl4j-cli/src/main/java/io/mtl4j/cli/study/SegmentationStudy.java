package io.mtl4j.cli.study;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.ImageSet;
import io.mtl4j.data.MultiItemImages;
import io.mtl4j.data.read.IdxSource;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.encode.ImageEncoder;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.io.AtomicWrite;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.ModelEvaluator;
import io.mtl4j.train.ThreadLimit;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Classification and segmentation of the same images (issue 16, run b): Multi-Fashion composites (two fashion-mnist
 * items, MultiItemImages), task "class" = the top-left item's class, task "mask" = each pixel's owner (background,
 * top-left item, bottom-right item). One CNN with a shared conv trunk, a classification head and a dense head against
 * the two single-task CNNs of the same shape, trained the same way, paired by seed. Composites come from fashion-mnist's
 * training images (train) and its test images (test).
 */
@Command(name = "segmentation", mixinStandardHelpOptions = true,
    description = "Shared conv trunk with a classification head and a segmentation head vs the two single-task CNNs.")
public final class SegmentationStudy implements Callable<Integer> {
  static final int SIDE = 28, CLASSES = 10, MASK_CLASSES = 3;
  static final String CLASS = "class", MASK = "mask";
  static final List<String> TASKS = List.of(CLASS, MASK);

  @Option(names = "--data-dir", required = true, description = "folder holding fashion-mnist/") Path dataDir;
  @Option(names = "--train", defaultValue = "6000", description = "composite training images") int train;
  @Option(names = "--test", defaultValue = "2000", description = "composite test images") int test;
  @Option(names = "--seeds", defaultValue = "2") int seeds;
  @Option(names = "--epochs", defaultValue = "6") int epochs;
  @Option(names = "--batch", defaultValue = "64") int batch;
  @Option(names = "--learning-rate", defaultValue = "0.002") double learningRate;
  @Option(names = "--threads", defaultValue = "2", description = "data-parallel threads per run") int threads;
  @Option(names = "--out", required = true) Path out;

  /** Test scores of one model and seed; NaN for the task a single-task model does not have. */
  record Run(String model, int seed, double accuracy, double meanIoU, double pixelAccuracy, double seconds) {}

  @Override
  public Integer call() throws Exception {
    if (seeds < 1 || train < 1 || test < 1) {
      throw new IllegalArgumentException("--seeds, --train, --test = " + seeds + ", " + train + ", " + test
          + "; expected all ≥ 1");
    }
    ThreadLimit.check("--threads", threads);
    long start = System.nanoTime();
    Path dir = dataDir.resolve("fashion-mnist");
    MultiItemImages.Built trainImages = composites(dir, "train", train, 1);
    MultiItemImages.Built testImages = composites(dir, "t10k", test, 2);
    Files.createDirectories(out);
    List<Run> runs = new ArrayList<>();
    for (int seed = 1; seed <= seeds; seed++) {
      runs.add(log(run("shared-mtl", TASKS, trainImages, testImages, seed)));
      runs.add(log(run("single-class", List.of(CLASS), trainImages, testImages, seed)));
      runs.add(log(run("single-mask", List.of(MASK), trainImages, testImages, seed)));
    }
    String table = table(runs);
    System.out.print(System.lineSeparator() + table);
    AtomicWrite.write(out.resolve("results.csv"), csv(runs).getBytes(StandardCharsets.UTF_8));
    AtomicWrite.write(out.resolve("table.md"), table.getBytes(StandardCharsets.UTF_8));
    System.out.printf(Locale.ROOT, "%nwrote %s (results.csv, table.md) in %.0f s%n", out,
        (System.nanoTime() - start) / 1e9);
    return 0;
  }

  private static Run log(Run r) {
    System.out.printf(Locale.ROOT, "%-12s seed %d: class accuracy %.2f%%, mIoU %.2f%%, pixel accuracy %.2f%% [%.0f s]%n",
        r.model, r.seed, 100 * r.accuracy, 100 * r.meanIoU, 100 * r.pixelAccuracy, r.seconds);
    return r;
  }

  /** {@code count} composites of fashion-mnist's {@code prefix} ("train" or "t10k") items; same seed, same images. */
  private static MultiItemImages.Built composites(Path dir, String prefix, int count, long seed) {
    ImageSet items = IdxSource.images(dir.resolve(prefix + "-images-idx3-ubyte.gz"));
    byte[] labels = IdxSource.labels(dir.resolve(prefix + "-labels-idx1-ubyte.gz"));
    return MultiItemImages.build(items, labels, items, labels, count, SIDE, seed);
  }

  /** The images in group "image" with the labels of {@code tasks}: the top-left item's class and/or the mask. */
  static Dataset dataset(MultiItemImages.Built b, List<String> tasks) {
    int n = b.left().length;
    Dataset.Builder d = Dataset.builder(FeatureRows.of(Map.of("image", b.rows())));
    if (tasks.contains(CLASS)) d.task(CLASS, Tensor.of(b.left(), n));
    if (tasks.contains(MASK)) d.task(MASK, Tensor.of(b.masks(), n, SIDE * SIDE));
    return d.build();
  }

  /**
   * The two-head CNN's trunk, padded so the map tiles the image: conv 3×3 → 32, pool 2, conv 3×3 → 64 with batch norm,
   * pool 2: a 64×7×7 map, flattened for the classifier, up-sampled ×4 by the dense head.
   */
  static InputSpec trunk() {
    return new InputSpec(List.of(new ImageEncoder.Spec("image", 1, SIDE, SIDE, List.of(
        new ImageEncoder.Layer(32, 3, 1, 1, 2, false), new ImageEncoder.Layer(64, 3, 1, 1, 2, true)), false, false)));
  }

  /** A dense 64 layer and a linear head for "class"; a transposed-conv dense head on the trunk's map for "mask". */
  static ModelSpec spec(List<String> tasks) {
    List<Task> list = new ArrayList<>();
    if (tasks.contains(CLASS)) list.add(Task.of(CLASS, TaskType.multiclass(CLASSES), "accuracy"));
    if (tasks.contains(MASK)) list.add(Task.of(MASK, TaskType.segmentation(MASK_CLASSES, SIDE, SIDE)));
    return ModelSpec.of(trunk(), list, new SharedBottom.Options(64), new Head.Options());
  }

  private Run run(String name, List<String> tasks, MultiItemImages.Built trainImages, MultiItemImages.Built testImages,
                  int seed) {
    long t0 = System.nanoTime();
    MultiTaskModel model = MultiTaskModel.create(spec(tasks), seed);
    TrainingConfig config = TrainingConfig.builder().epochs(epochs).batchSize(batch).threads(threads).seed(seed)
        .learningRate(learningRate).patience(0).build();
    new Trainer(config).fit(model, dataset(trainImages, tasks), null);
    Evaluation e = ModelEvaluator.evaluate(model, dataset(testImages, tasks));
    double accuracy = tasks.contains(CLASS) ? e.score(CLASS, "accuracy").value() : Double.NaN;
    double iou = tasks.contains(MASK) ? e.score(MASK, "mean-iou").value() : Double.NaN;
    double pixels = tasks.contains(MASK) ? e.score(MASK, "pixel-accuracy").value() : Double.NaN;
    return new Run(name, seed, accuracy, iou, pixels, (System.nanoTime() - t0) / 1e9);
  }

  /** Mean test scores (%) over seeds per model, and the mean seconds per run; "–" where a model lacks the task. */
  static String table(List<Run> runs) {
    StringBuilder b = new StringBuilder("| model | seeds | class accuracy | mask mIoU | mask pixel accuracy | s/run |\n"
        + "| --- | ---: | ---: | ---: | ---: | ---: |\n");
    List<String> models = runs.stream().map(Run::model).distinct().toList();
    for (String m : models) {
      List<Run> own = runs.stream().filter(r -> r.model.equals(m)).toList();
      b.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %.0f |%n", m, own.size(),
          percent(own.stream().mapToDouble(Run::accuracy).average().orElse(Double.NaN)),
          percent(own.stream().mapToDouble(Run::meanIoU).average().orElse(Double.NaN)),
          percent(own.stream().mapToDouble(Run::pixelAccuracy).average().orElse(Double.NaN)),
          own.stream().mapToDouble(Run::seconds).average().orElse(Double.NaN)));
    }
    return b.toString();
  }

  private static String percent(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", 100 * v);
  }

  static String csv(List<Run> runs) {
    StringBuilder csv = new StringBuilder("model,seed,task,metric,value,seconds\n");
    for (Run r : runs) {
      row(csv, r, CLASS, "accuracy", r.accuracy);
      row(csv, r, MASK, "mean-iou", r.meanIoU);
      row(csv, r, MASK, "pixel-accuracy", r.pixelAccuracy);
    }
    return csv.toString();
  }

  private static void row(StringBuilder csv, Run r, String task, String metric, double value) {
    if (!Double.isNaN(value)) {
      csv.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%.6f,%.1f%n", r.model, r.seed, task, metric, value, r.seconds));
    }
  }
}
