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
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.optim.LrSchedule;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.ModelEvaluator;
import io.mtl4j.train.ThreadLimit;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Two-item images (MultiMNIST recipe, Sabour et al. 2017; Multi-Fashion as in Lin et al. 2019), one classification
 * task per item: one CNN with a shared conv trunk and two heads against two single-task CNNs of the same shape,
 * trained the same way, paired by seed. Multi-Fashion composites come from fashion-mnist's training images (train) and
 * its test images (test); MultiMNIST from mnist's test set only: digits 0–4999 make the training composites, digits
 * 5000–9999 the test composites, so no test item was seen in training.
 */
@Command(name = "multimnist", mixinStandardHelpOptions = true,
    description = "Shared conv trunk + two heads vs two single-task CNNs on Multi-Fashion and MultiMNIST-style images.")
public final class MultiMnistStudy implements Callable<Integer> {
  static final int SIDE = 28, CLASSES = 10;
  static final List<String> TASKS = List.of("left", "right");
  static final String MNIST = "multimnist", FASHION = "multi-fashion";

  @Option(names = "--data-dir", required = true, description = "folder holding fashion-mnist/ and mnist/") Path dataDir;
  @Option(names = "--data", split = ",", defaultValue = MNIST + "," + FASHION,
      description = "data sets, in table order: " + MNIST + ", " + FASHION) List<String> data;
  @Option(names = "--train", defaultValue = "30000", description = "composite training images per data set") int train;
  @Option(names = "--test", defaultValue = "5000", description = "composite test images per data set") int test;
  @Option(names = "--seeds", defaultValue = "2") int seeds;
  @Option(names = "--epochs", defaultValue = "3") int epochs;
  @Option(names = "--batch", defaultValue = "128") int batch;
  @Option(names = "--learning-rate", defaultValue = "0.003",
      description = "Adam's rate, decayed to 0 along a half cosine over the run's steps") double learningRate;
  @Option(names = "--threads", defaultValue = "2", description = "data-parallel threads per run") int threads;
  @Option(names = "--out", required = true) Path out;

  /** Test accuracy of each task (in {@link #TASKS} order) for one data set, model and seed, after {@code epochs}. */
  record Run(String data, String model, int seed, int epochs, double[] accuracy, double seconds) {}

  /** Composite training and test images of one source. */
  record Split(String name, MultiItemImages.Built train, MultiItemImages.Built test) {}

  @Override
  public Integer call() throws Exception {
    if (seeds < 1 || train < 1 || test < 1) {
      throw new IllegalArgumentException("--seeds, --train, --test = " + seeds + ", " + train + ", " + test
          + "; expected all ≥ 1");
    }
    ThreadLimit.check("--threads", threads);
    for (String d : data) {
      if (!d.equals(MNIST) && !d.equals(FASHION)) {
        throw new IllegalArgumentException("--data: unknown data set '" + d + "'; known: " + MNIST + ", " + FASHION);
      }
    }
    long start = System.nanoTime();
    List<Split> splits = new ArrayList<>();
    for (String d : data) splits.add(d.equals(MNIST) ? mnist() : fashion());
    Files.createDirectories(out);
    List<Run> runs = new ArrayList<>();
    for (Split s : splits) {
      for (int seed = 1; seed <= seeds; seed++) {
        runs.add(log(multiTask(s, seed)));
        runs.add(log(singleTask(s, seed)));
      }
    }
    String table = table(runs);
    System.out.print(System.lineSeparator() + table);
    write(runs, table);
    System.out.printf(Locale.ROOT, "%nwrote %s (results.csv, table.md) in %.0f s%n", out, (System.nanoTime() - start) / 1e9);
    return 0;
  }

  private static Run log(Run r) {
    System.out.printf(Locale.ROOT, "%-14s %-11s seed %d: left %.2f%%, right %.2f%% [%.0f s]%n", r.data, r.model,
        r.seed, 100 * r.accuracy[0], 100 * r.accuracy[1], r.seconds);
    return r;
  }

  private Split fashion() {
    Path dir = dataDir.resolve("fashion-mnist");
    ImageSet trainImages = IdxSource.images(dir.resolve("train-images-idx3-ubyte.gz"));
    byte[] trainLabels = IdxSource.labels(dir.resolve("train-labels-idx1-ubyte.gz"));
    ImageSet testImages = IdxSource.images(dir.resolve("t10k-images-idx3-ubyte.gz"));
    byte[] testLabels = IdxSource.labels(dir.resolve("t10k-labels-idx1-ubyte.gz"));
    return new Split(FASHION, composites(trainImages, trainLabels, train, 1),
        composites(testImages, testLabels, test, 2));
  }

  /** mnist's test set only: its first half's items make the training images, its second half's the test images. */
  private Split mnist() {
    Path dir = dataDir.resolve("mnist");
    ImageSet images = IdxSource.images(dir.resolve("t10k-images-idx3-ubyte.gz"));
    byte[] labels = IdxSource.labels(dir.resolve("t10k-labels-idx1-ubyte.gz"));
    int half = images.count() / 2;
    return new Split(MNIST, composites(part(images, 0, half), Arrays.copyOfRange(labels, 0, half), train, 1),
        composites(part(images, half, images.count()), Arrays.copyOfRange(labels, half, images.count()), test, 2));
  }

  static ImageSet part(ImageSet images, int from, int to) {
    int size = images.height() * images.width();
    return new ImageSet(to - from, images.height(), images.width(),
        Arrays.copyOfRange(images.pixels(), from * size, to * size));
  }

  /** {@code count} two-item images; the same seed gives the same images to every model. */
  static MultiItemImages.Built composites(ImageSet items, byte[] labels, int count, long seed) {
    return MultiItemImages.build(items, labels, items, labels, count, SIDE, seed);
  }

  /** The images in group "image" with the labels of {@code tasks} ("left" and/or "right"). */
  static Dataset dataset(MultiItemImages.Built b, List<String> tasks) {
    int n = b.left().length;
    Dataset.Builder d = Dataset.builder(FeatureRows.of(Map.of("image", b.rows())));
    for (String t : tasks) d.task(t, Tensor.of(t.equals("left") ? b.left() : b.right(), n));
    return d.build();
  }

  /**
   * The seeds' two-head CNN trunk: conv 3×3 → 32 (padding 1), pool 2, conv 3×3 → 64 with batch norm, pool 2,
   * flattened: 28 → 28 → 14 → 12 → 6. Every map side stays even before its pooling, so no pixel is dropped: unpadded,
   * 26 → 13 → 11 → 5 left the last two rows and columns, where the bottom-right item ends, unseen by both heads.
   */
  static InputSpec trunk() {
    return new InputSpec(List.of(new ImageEncoder.Spec("image", 1, SIDE, SIDE, List.of(
        new ImageEncoder.Layer(32, 3, 1, 1, 2, false), new ImageEncoder.Layer(64, 3, 1, 0, 2, true)), false, false)));
  }

  /** A dense 64 layer on the trunk, then one linear head per task. */
  static ModelSpec spec(List<String> tasks) {
    List<Task> list = new ArrayList<>();
    for (String t : tasks) list.add(Task.of(t, TaskType.multiclass(CLASSES), "accuracy"));
    return ModelSpec.of(trunk(), list, new SharedBottom.Options(64), new Head.Options());
  }

  /**
   * Adam with its rate annealed to 0 along a half cosine over all steps (Loshchilov &amp; Hutter 2017): there is no
   * validation split to pick an epoch by, the last weights are the ones tested, so the rate ends small.
   */
  private TrainingConfig config(long seed) {
    long steps = (long) epochs * ((train + batch - 1) / batch);
    return TrainingConfig.builder().epochs(epochs).batchSize(batch).threads(threads).seed(seed)
        .learningRate(learningRate).schedule(LrSchedule.cosine(steps, 0)).patience(0).build();
  }

  private Run multiTask(Split s, int seed) {
    long t0 = System.nanoTime();
    MultiTaskModel model = MultiTaskModel.create(spec(TASKS), seed);
    new Trainer(config(seed)).fit(model, dataset(s.train(), TASKS), null);
    Evaluation e = ModelEvaluator.evaluate(model, dataset(s.test(), TASKS));
    double[] acc = {e.score("left", "accuracy").value(), e.score("right", "accuracy").value()};
    return new Run(s.name(), "shared-mtl", seed, epochs, acc, (System.nanoTime() - t0) / 1e9);
  }

  /** One CNN per task, each trained on the same images with only its own labels. */
  private Run singleTask(Split s, int seed) {
    long t0 = System.nanoTime();
    double[] acc = new double[TASKS.size()];
    for (int t = 0; t < acc.length; t++) {
      String task = TASKS.get(t);
      MultiTaskModel model = MultiTaskModel.create(spec(List.of(task)), seed);
      new Trainer(config(seed)).fit(model, dataset(s.train(), List.of(task)), null);
      acc[t] = ModelEvaluator.evaluate(model, dataset(s.test(), List.of(task))).score(task, "accuracy").value();
    }
    return new Run(s.name(), "single-task", seed, epochs, acc, (System.nanoTime() - t0) / 1e9);
  }

  /**
   * Mean test accuracy (%) over seeds per data set and model, with the epochs and the mean seconds of one seed's run
   * (single-task: both of its models).
   */
  static String table(List<Run> runs) {
    StringBuilder b = new StringBuilder("| data | model | seeds | epochs | left | right | mean | seconds |\n"
        + "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    List<String> keys = new ArrayList<>();
    for (Run r : runs) if (!keys.contains(r.data + "\t" + r.model)) keys.add(r.data + "\t" + r.model);
    for (String k : keys) {
      double left = 0, right = 0, seconds = 0;
      int n = 0, runEpochs = 0;
      for (Run r : runs) {
        if (!(r.data + "\t" + r.model).equals(k)) continue;
        left += r.accuracy[0];
        right += r.accuracy[1];
        seconds += r.seconds;
        runEpochs = r.epochs;
        n++;
      }
      String[] dm = k.split("\t");
      b.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.2f | %.2f | %.2f | %.0f |%n", dm[0], dm[1], n,
          runEpochs, 100 * left / n, 100 * right / n, 50 * (left + right) / n, seconds / n));
    }
    return b.toString();
  }

  private void write(List<Run> runs, String table) throws java.io.IOException {
    StringBuilder csv = new StringBuilder("data,model,seed,epochs,task,test_accuracy,seconds\n");
    for (Run r : runs) {
      for (int t = 0; t < TASKS.size(); t++) {
        csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%s,%.6f,%.1f%n", r.data, r.model, r.seed, r.epochs,
            TASKS.get(t), r.accuracy[t], r.seconds));
      }
    }
    atomically(out.resolve("results.csv"), csv.toString());
    atomically(out.resolve("table.md"), table);
  }

  private static void atomically(Path file, String text) throws java.io.IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
