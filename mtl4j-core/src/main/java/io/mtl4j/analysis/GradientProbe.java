package io.mtl4j.analysis;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.autodiff.Elementwise;
import io.mtl4j.autodiff.Var;
import io.mtl4j.data.Batch;
import io.mtl4j.data.Dataset;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mode;
import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.task.LabelMask;
import io.mtl4j.task.Loss;
import io.mtl4j.task.Task;
import io.mtl4j.tensor.Permutations;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.StepRecord;
import io.mtl4j.train.TaskGradientRows;
import io.mtl4j.train.TrainingListener;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Samples the geometry of the per-task gradients on the shared parameters every {@code every} optimizer steps, on a
 * batch of its own drawn from the training rows: their cosines and magnitude ratios per shared layer (from the Gram
 * matrix the gradient weightings form), and the inter-task affinity of TAG (Fifty et al., NeurIPS 2021, eq. 1),
 * Z_{i→j} = 1 − L_j(θ_s − η·g_i)/L_j(θ_s), with the look-ahead taken on the same batch and dropout masks.
 *
 * <p>The probe has its own graphs and gradient buffer; the look-ahead moves the shared values and puts back the
 * exact floats, between steps, so a run trains to the same bits with or without it.
 */
public final class GradientProbe implements TrainingListener {
  private final MultiTaskModel model;
  private final Dataset data;
  private final Options options;
  private final List<String> names;
  private final Loss[] losses;
  private final double[] taskWeights;
  private final SharedLayers layers;
  private final int shared;
  private final float[] gradients;  // [parameters], the probe's own
  private final Graph graph;        // with gradients: the sampled batch's forward and per-task backward passes
  private final Graph lookAhead;    // without: forward passes at θ_s − η·g_i
  private final float[][] rows;     // [task][shared]
  private final float[] saved;      // θ_s while a look-ahead moves it
  private final int[] order;        // a permutation of the rows, partially reshuffled for each sample
  private final Batch batch;
  private final PairMeans cosine, logRatio, affinity;
  private final PairMeans[] layerCosine;
  private final SplittableRandom random;
  private int samples;
  private long nanos;

  /**
   * @param every     sample every this many optimizer steps (≥ 1)
   * @param rows      rows of the probe's batch (≥ 1; the training batch size is a natural choice)
   * @param lookahead η of the look-ahead; 0 takes the step's learning rate
   * @param seed      stream of the probe's batches and dropout masks (apart from the run's)
   */
  public record Options(int every, int rows, double lookahead, long seed) {
    /**
     * The default sampling interval for T tasks trained on {@code threads} data-parallel threads, 20·T·threads steps.
     * A sample costs one forward, T backward and T forward passes on one thread, while a step spreads its forward and
     * backward pass over the threads: the interval grows with both. At 10·T·threads the probe's own timer said 3–4 %
     * on census-income (2 threads), but whole runs with and without it differed by 5–10 % (its garbage and JIT
     * compete with training for the cores); at 20·T·threads by 0.5–1 % (README's relate row).
     */
    public static int defaultEvery(int tasks, int threads) {
      return 20 * tasks * Math.max(1, threads);
    }

    public Options {
      if (every < 1) throw new IllegalArgumentException("gradient probe: every = " + every + " steps, expected ≥ 1");
      if (rows < 1) throw new IllegalArgumentException("gradient probe: rows = " + rows + ", expected ≥ 1");
      if (!(lookahead >= 0) || Double.isInfinite(lookahead)) {
        throw new IllegalArgumentException("gradient probe: lookahead = " + lookahead + ", expected a finite η ≥ 0 "
            + "(0: the step's learning rate)");
      }
    }
  }

  public GradientProbe(MultiTaskModel model, Dataset data, Options options) {
    this.model = model;
    this.data = data;
    this.options = options;
    List<Task> tasks = model.tasks();
    this.names = tasks.stream().map(Task::name).toList();
    for (String n : names) {
      if (!data.hasTask(n)) throw new IllegalArgumentException("relate: the data has no labels for task '" + n + "'");
    }
    this.losses = new Loss[tasks.size()];
    this.taskWeights = new double[tasks.size()];
    for (int t = 0; t < losses.length; t++) {
      losses[t] = tasks.get(t).newLoss();
      taskWeights[t] = tasks.get(t).weight();
    }
    ParameterBuffer buffer = model.parameters();
    this.layers = SharedLayers.of(buffer);
    this.shared = buffer.sharedSize();
    this.gradients = new float[buffer.size()];
    this.graph = new Graph(buffer, gradients);
    this.lookAhead = new Graph(buffer, null);
    this.rows = new float[losses.length][shared];
    this.saved = new float[shared];
    this.order = new int[data.rows()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    this.batch = data.newBatch(Math.min(options.rows(), data.rows()));
    this.cosine = new PairMeans(losses.length);
    this.logRatio = new PairMeans(losses.length);
    this.affinity = new PairMeans(losses.length);
    this.layerCosine = new PairMeans[layers.size()];
    for (int l = 0; l < layerCosine.length; l++) layerCosine[l] = new PairMeans(losses.length);
    this.random = new SplittableRandom(options.seed());
  }

  @Override
  public void onStep(StepRecord record) {
    // A skipped step (non-finite values) has no learning rate and changed nothing: nothing to sample.
    if (record.step() % options.every() != 0 || !Double.isFinite(record.learningRate())) return;
    long start = System.nanoTime();
    double eta = options.lookahead() > 0 ? options.lookahead() : record.learningRate();
    sample(eta, record.epoch());
    samples++;
    nanos += System.nanoTime() - start;
  }

  /** One sample in training epoch {@code epoch} (architectures with an epoch schedule, ltb, read it). */
  private void sample(double eta, int epoch) {
    int n = Math.min(options.rows(), data.rows());
    Permutations.shufflePrefix(order, n, random); // n fresh distinct rows, n draws
    batch.load(data, order, 0, n);
    long dropout = random.nextLong();
    double[] base = taskGradients(dropout, epoch);
    geometry();
    lookAhead(eta, base, dropout, epoch);
  }

  /** The batch's per-task losses [T] (NaN without labels) and each task's shared gradient in {@link #rows}. */
  private double[] taskGradients(long dropout, int epoch) {
    Var[] loss = losses(graph.begin(Mode.TRAIN, new SplittableRandom(dropout), epoch));
    double[] values = new double[loss.length];
    Arrays.fill(gradients, 0f);
    for (int t = 0; t < loss.length; t++) {
      values[t] = loss[t] == null ? Double.NaN : loss[t].item();
      if (loss[t] != null && loss[t].requiresGrad()) {
        graph.tape().backward(Map.of(loss[t], Tensor.scalar(1f)), Set.of());
        System.arraycopy(gradients, 0, rows[t], 0, shared);
        Arrays.fill(gradients, 0f);
      } else {
        Arrays.fill(rows[t], 0f);
      }
    }
    return values;
  }

  /** Each task's loss on the batch as the trainer forms it (task weight included); null for a task without labels. */
  private Var[] losses(Graph g) {
    Var[] logits = model.run(g, batch.features(), batch.groups(), model.allTasks()).logits();
    Var[] out = new Var[losses.length];
    for (int t = 0; t < out.length; t++) {
      int label = batch.taskIndex(names.get(t));
      int labelled = batch.labelled(label);
      if (labelled == 0) continue;
      Var loss = losses[t].loss(logits[t], batch.labels(label), new LabelMask(batch.mask(label), labelled));
      out[t] = taskWeights[t] == 1.0 ? loss : Elementwise.scale(loss, (float) taskWeights[t]);
    }
    return out;
  }

  /** Cosines and magnitude ratios from each layer's Gram matrix and from their sum (all shared parameters). */
  private void geometry() {
    int t = rows.length;
    double[][] total = new double[t][t];
    for (int l = 0; l < layers.size(); l++) {
      double[][] gram = new double[t][t];
      for (int[] range : layers.ranges().get(l)) TaskGradientRows.gram(rows, range[0], range[1], gram);
      for (int i = 0; i < t; i++) for (int j = 0; j <= i; j++) total[i][j] += gram[i][j];
      addCosines(gram, layerCosine[l]);
    }
    addCosines(total, cosine);
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < t; j++) {
        if (total[i][i] > 0 && total[j][j] > 0) logRatio.add(i, j, 0.5 * Math.log(total[i][i] / total[j][j]));
      }
    }
  }

  /** cos(g_i, g_j) = G_ij/√(G_ii·G_jj) from the lower triangle; pairs with a zero gradient are left out. */
  private static void addCosines(double[][] gram, PairMeans into) {
    for (int i = 0; i < gram.length; i++) {
      for (int j = 0; j <= i; j++) {
        if (gram[i][i] <= 0 || gram[j][j] <= 0) continue;
        double c = gram[i][j] / Math.sqrt(gram[i][i] * gram[j][j]);
        into.add(i, j, c);
        if (i != j) into.add(j, i, c);
      }
    }
  }

  /** Z_{i→j} for every pair: θ_s moved by task i's step, every task's loss again, θ_s put back bit for bit. */
  private void lookAhead(double eta, double[] base, long dropout, int epoch) {
    float[] values = model.parameters().values();
    System.arraycopy(values, 0, saved, 0, shared);
    try {
      for (int i = 0; i < rows.length; i++) {
        if (Double.isNaN(base[i])) continue;
        float[] g = rows[i];
        for (int k = 0; k < shared; k++) values[k] = (float) (saved[k] - eta * g[k]);
        Var[] after = losses(lookAhead.begin(Mode.TRAIN, new SplittableRandom(dropout), epoch));
        for (int j = 0; j < after.length; j++) {
          if (after[j] != null && base[j] > 0) affinity.add(i, j, 1 - after[j].item() / base[j]);
        }
      }
    } finally {
      System.arraycopy(saved, 0, values, 0, shared);
    }
  }

  /** What was measured so far. */
  public GradientRelations result() {
    Map<String, TaskMatrix> byLayer = new LinkedHashMap<>();
    for (int l = 0; l < layers.size(); l++) {
      byLayer.put(layers.names().get(l), layerCosine[l].toMatrix("cosine " + layers.names().get(l), names, true, v -> v));
    }
    return new GradientRelations(cosine.toMatrix("gradientCosine", names, true, v -> v),
        logRatio.toMatrix("magnitudeRatio", names, false, Math::exp),
        affinity.toMatrix("affinity", names, false, v -> v), byLayer, samples, nanos / 1e9);
  }
}
