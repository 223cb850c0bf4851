package io.mtl4j.train;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.autodiff.Elementwise;
import io.mtl4j.autodiff.Var;
import io.mtl4j.data.Batch;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mode;
import io.mtl4j.nn.Parameter;
import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.optim.GradClip;
import io.mtl4j.optim.Optimizer;
import io.mtl4j.task.LabelMask;
import io.mtl4j.task.Loss;
import io.mtl4j.task.Task;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.weighting.GramStandIn;
import io.mtl4j.weighting.LearnableParameters;
import io.mtl4j.weighting.RandomSource;
import io.mtl4j.weighting.StepWeights;
import io.mtl4j.weighting.Weighting;
import io.mtl4j.weighting.WeightingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One optimizer step, data-parallel: every worker forwards and back-propagates its shard of each batch into its own
 * gradient buffer; buffers are reduced in worker order, so a seed and a thread count give bit-identical weights.
 *
 * <p>The weighting decides what is computed: for loss-based methods one backward of Σ m_t·L_t; for gradient-based
 * methods one backward per task (and loss sample) whose shared part is copied out as a row of G [T, d].
 *
 * <p>A weighting with several loss samples (MoDo, SDMGrad) gets a step on that many independent batches: each is
 * forwarded and back-propagated per task in turn, its rows of G kept for the weighting, while the head gradients add
 * up over the samples.
 */
final class StepExecutor {
  private final MultiTaskModel model;
  private final List<Task> tasks;
  private final Loss[] losses;
  private final double[] taskWeights;
  private final Weighting weighting;
  private final DataParallel parallel;
  private Optimizer optimizer;
  private final LearnableSteps learnable;
  private final FrozenParameters frozen;
  private final double gradClipNorm;
  private final long seed;
  private final ParameterBuffer buffer;
  private final int shared;
  private final Graph[] graphs;
  private final float[][] workerGrads;
  private final float[] grad;
  private final Var[][] lossVars;      // [worker][task]
  private final Var[] penalties;       // [worker]: the architecture's regularization, on worker 0 only
  private final float[][][] taskGrads; // [worker][task][shared], only for gradient weightings
  private final boolean representationMode;
  private final boolean standIns;      // an inner-product-only method runs on T×T stand-ins of G
  private final float[][] summedTaskGrads; // [task][shared]: per-task gradients summed over workers, stand-ins only
  private double[] coefficients;       // β of the stand-in combination Σ β_t·∂L_t/∂rep, stand-in mode only
  private final Var[] representations; // [worker]: the shared representation of the worker's shard
  private final float[][][] representationGrads; // [worker][task][rows·R], taken from the tapes for one step
  private final double[] stepLosses;   // [task]
  private final double[] denominators; // [task]
  private final Batch[] batches;       // [task]
  private final int samples;           // loss samples per step
  private final Batch[][] sampleBatches; // [sample][task], only with several samples
  private final double[][] sampleLosses; // [sample][task], only with several samples
  private int sample;                  // the loss sample being forwarded: it picks the dropout stream
  private final Context context;

  StepExecutor(MultiTaskModel model, Weighting weighting, DataParallel parallel, Optimizer optimizer,
               Optimizer learnableOptimizer, double gradClipNorm, long seed, double[][] lossHistory,
               FrozenParameters frozen, boolean representationGradients) {
    this.samples = weighting.requirements().lossSamples();
    if (samples < 1) throw new IllegalArgumentException("lossSamples() = " + samples + ": expected at least 1");
    if (samples > 1 && weighting.requirements().needs() != Weighting.Needs.SHARED_PARAM_GRADS) {
      throw new UnsupportedOperationException("weighting '" + weighting.getClass().getSimpleName() + "' draws "
          + samples + " loss samples per step: supported only for needs() = SHARED_PARAM_GRADS");
    }
    this.model = model;
    this.tasks = model.tasks();
    int t = tasks.size(), w = parallel.workers();
    this.losses = new Loss[t];
    this.taskWeights = new double[t];
    for (int i = 0; i < t; i++) {
      losses[i] = tasks.get(i).newLoss();
      taskWeights[i] = tasks.get(i).weight();
    }
    this.weighting = weighting;
    this.parallel = parallel;
    this.optimizer = optimizer;
    this.learnable = new LearnableSteps(weighting.learnable(t), learnableOptimizer);
    this.gradClipNorm = gradClipNorm;
    this.frozen = frozen;
    this.seed = seed;
    this.buffer = model.parameters();
    this.shared = buffer.sharedSize();
    this.graphs = new Graph[w];
    this.workerGrads = new float[w][buffer.size()];
    for (int i = 0; i < w; i++) graphs[i] = new Graph(buffer, workerGrads[i]);
    this.grad = new float[buffer.size()];
    this.lossVars = new Var[w][t];
    this.penalties = new Var[w];
    this.representationMode = weighting.requirements().needs() == Weighting.Needs.REPRESENTATION_GRADS
        || representationGradients && weighting.requirements().needs() == Weighting.Needs.SHARED_PARAM_GRADS;
    if (representationGradients && weighting.requirements().needs() == Weighting.Needs.SHARED_PARAM_GRADS
        && !weighting.requirements().innerProductsOnly()) {
      throw new IllegalArgumentException("training.representationGradients: weighting '" + weightingName() + "' reads "
          + "gradients coordinate by coordinate, which a representation's gradient (one per batch row) does not "
          + "support; use it on the shared parameters, or choose one of the projection/min-norm methods");
    }
    this.standIns = weighting.requirements().innerProductsOnly() && samples == 1;
    this.representations = new Var[w];
    this.representationGrads = new float[w][t][0];
    boolean perTask = weighting.requirements().needs() == Weighting.Needs.SHARED_PARAM_GRADS;
    this.taskGrads = perTask ? new float[w][t][shared] : null;
    this.summedTaskGrads = standIns && !representationMode ? new float[t][shared] : null;
    this.stepLosses = new double[t];
    this.denominators = new double[t];
    this.batches = new Batch[t];
    this.sampleBatches = samples > 1 ? new Batch[samples][t] : null;
    this.sampleLosses = samples > 1 ? new double[samples][t] : null;
    // Methods on stand-ins never see [T, d] doubles: none are allocated for them.
    this.context = new Context(lossHistory, perTask && !standIns ? new double[t][shared] : new double[t][0]);
  }

  /**
   * Draws the step's batches, trains one step, and returns the per-task losses (NaN for tasks not trained; the mean
   * over the samples when there are several).
   */
  double[] step(BatchPlan plan, int epoch, long step) {
    if (samples > 1) {
      // All samples are drawn first: a step consumes the same draws however it ends (skip, rollback, resume).
      for (int k = 0; k < samples; k++) plan.next(sampleBatches[k], k);
      System.arraycopy(sampleBatches[0], 0, batches, 0, batches.length);
      if (countLabels()) return sampledStep(epoch, step);
      // A task without data bypasses the weighting: a plain step on the first sample, as below.
    } else {
      plan.next(batches);
    }
    boolean complete = countLabels();
    forward(step, Mode.TRAIN);
    checkFinite(epoch, step);
    context.begin(epoch, step);
    StepWeights weights = !complete ? null : standIns ? combineOnStandIns() : weighting.combine(context);
    double[] scales = weights == null || weights.lossScales() == null ? ones() : weights.lossScales();
    boolean perTask = complete && weighting.requirements().needs() != Weighting.Needs.LOSSES;
    if (perTask) {
      if (!standIns) context.taskGradients(0); // heads need the per-task passes even if the method did not ask
      if (representationMode) parallel.run(this::backwardFromRepresentation);
    } else {
      parallel.run(w -> backwardCombined(w, scales));
    }
    reduce(perTask && !representationMode, perTask, scales);
    update(epoch, step);
    double[] before = stepLosses.clone();
    if (complete && weighting.requirements().lossesAfterStep()) {
      forward(step, Mode.EVAL);
      weighting.afterStep(stepLosses.clone());
    }
    return before;
  }

  /** Steps the parameters with the reduced gradient. */
  private void update(int epoch, long step) {
    // Checked before anything is updated, so a skipped batch leaves parameters and optimizer state untouched.
    double norm = gradClipNorm > 0 ? GradClip.clipByGlobalNorm(grad, gradClipNorm) : GradClip.globalNorm(grad);
    if (!Double.isFinite(norm)) throw new NonFiniteLossException(null, epoch, step, norm);
    learnable.step();
    if (!frozen.isEmpty()) frozen.hold(buffer.values());
    optimizer.step(buffer.values(), grad, 0, grad.length);
    if (!frozen.isEmpty()) frozen.release(buffer.values());
  }

  /**
   * A step on several loss samples already drawn into {@link #sampleBatches}, every task having data. As in LibMTL,
   * each sample is back-propagated per task; the weighting reads all samples' losses and rows of G.
   */
  private double[] sampledStep(int epoch, long step) {
    double[] mean = new double[tasks.size()];
    for (int k = 0; k < samples; k++) {
      if (k > 0) {
        System.arraycopy(sampleBatches[k], 0, batches, 0, batches.length);
        countLabels();
      }
      sample = k;
      forward(step, Mode.TRAIN);
      sample = 0;
      checkFinite(epoch, step);
      System.arraycopy(stepLosses, 0, sampleLosses[k], 0, stepLosses.length);
      for (int t = 0; t < mean.length; t++) mean[t] += stepLosses[t] / samples;
      int current = k;
      parallel.run(w -> backwardSample(w, current));
      context.keepGradients(k);
    }
    context.begin(epoch, step);
    StepWeights weights = weighting.combine(context);
    reduce(true, true, weights == null || weights.lossScales() == null ? ones() : weights.lossScales());
    update(epoch, step);
    if (weighting.requirements().lossesAfterStep()) {
      System.arraycopy(sampleBatches[0], 0, batches, 0, batches.length);
      countLabels();
      forward(step, Mode.EVAL);
      weighting.afterStep(stepLosses.clone());
    }
    return mean;
  }

  /** Swaps in new optimizers (a rollback lowers the learning rate); their state is restored separately. */
  void setOptimizers(Optimizer model, Optimizer learnableOptimizer) {
    this.optimizer = model;
    learnable.optimizer = learnableOptimizer;
  }

  Optimizer optimizer() {
    return optimizer;
  }

  Optimizer learnableOptimizer() {
    return learnable.optimizer;
  }

  /** The weighting's learnable values (empty for most methods). */
  double[] learnableValues() {
    return learnable.parameters.values().clone();
  }

  void setLearnableValues(double[] values) {
    learnable.parameters.setValues(values);
  }

  private double[] ones() {
    double[] o = new double[tasks.size()];
    Arrays.fill(o, 1.0);
    return o;
  }

  /** Counts labelled rows per task (loss denominators); returns whether every task has a batch. */
  private boolean countLabels() {
    boolean complete = true;
    for (int t = 0; t < tasks.size(); t++) {
      Batch b = batches[t];
      complete &= b != null;
      denominators[t] = b == null ? 0 : b.labelled(b.taskIndex(tasks.get(t).name()));
    }
    return complete;
  }

  private void forward(long step, Mode mode) {
    parallel.run(w -> forwardWorker(w, step, mode));
    for (int t = 0; t < tasks.size(); t++) {
      double sum = 0;
      for (int w = 0; w < graphs.length; w++) {
        Var v = lossVars[w][t];
        if (v != null) sum += v.item();
      }
      stepLosses[t] = batches[t] == null ? Double.NaN : sum;
    }
  }

  private void forwardWorker(int w, long step, Mode mode) {
    long stream = sample == 0 ? mix(seed, step, w) : mix(mix(seed, step, w), sample, SAMPLE_STREAM);
    Graph g = graphs[w].begin(mode, new SplittableRandom(stream));
    Arrays.fill(lossVars[w], null);
    representations[w] = null;
    // Tasks sharing one batch (single-input data) share one forward pass. Groups run in task order: the order of
    // the passes is the order gradients accumulate in, so it must not depend on identity hash codes.
    Map<Batch, List<Integer>> groups = new LinkedHashMap<>();
    for (int t = 0; t < tasks.size(); t++) {
      if (batches[t] != null) groups.computeIfAbsent(batches[t], b -> new ArrayList<>()).add(t);
    }
    for (Map.Entry<Batch, List<Integer>> group : groups.entrySet()) {
      Batch full = group.getKey();
      int[] bounds = parallel.split(full.rows());
      if (bounds[w] == bounds[w + 1]) continue;
      Batch shard = full.shard(bounds[w], bounds[w + 1]);
      int[] which = group.getValue().stream().mapToInt(Integer::intValue).toArray();
      MultiTaskModel.Output output = model.run(g, g.input(shard.features()), which);
      Var[] logits = output.logits();
      if (representationMode) representations[w] = sharedRepresentation(output, which, groups.size());
      for (int t : which) {
        int label = shard.taskIndex(tasks.get(t).name());
        Var loss = losses[t].loss(logits[t], shard.labels(label), new LabelMask(shard.mask(label), denominators[t]));
        // The task weight w_t scales the loss every weighting sees: the model trains on Σ w_t·L_t under EW.
        lossVars[w][t] = taskWeights[t] == 1.0 ? loss : Elementwise.scale(loss, (float) taskWeights[t]);
      }
    }
    // A parameter penalty counts once per step, not once per shard.
    penalties[w] = w == 0 && mode == Mode.TRAIN ? model.architecture().regularization(g) : null;
  }

  /** The shared cut every task's loss reaches the shared parameters through (see TaskRepresentations#shared). */
  private Var sharedRepresentation(MultiTaskModel.Output output, int[] which, int batchGroups) {
    if (batchGroups != 1) {
      throw new IllegalArgumentException("weighting '" + weightingName() + "' combines gradients of one shared "
          + "representation: it needs single-input data (every task on the same rows)");
    }
    Var rep = output.representations().shared();
    if (rep == null) {
      throw new IllegalArgumentException("weighting '" + weightingName() + "' combines gradients of one shared "
          + "representation, but architecture '" + model.spec().architecture().name() + "' has no single tensor "
          + "between its shared and task-owned parts: use shared-bottom, mmoe, omoe or dselect-k");
    }
    return rep;
  }

  private String weightingName() {
    return weighting.getClass().getSimpleName();
  }

  private void checkFinite(int epoch, long step) {
    for (int t = 0; t < tasks.size(); t++) {
      if (batches[t] != null && !Double.isFinite(stepLosses[t])) {
        throw new NonFiniteLossException(tasks.get(t).name(), epoch, step, stepLosses[t]);
      }
    }
  }

  /** One backward pass of Σ m_t·L_t over this worker's shard. */
  private void backwardCombined(int w, double[] scales) {
    Arrays.fill(workerGrads[w], 0f);
    Map<Var, Tensor> seeds = new HashMap<>();
    for (int t = 0; t < tasks.size(); t++) {
      Var v = lossVars[w][t];
      if (v != null && v.requiresGrad()) seeds.put(v, Tensor.scalar((float) scales[t]));
    }
    if (penalties[w] != null && penalties[w].requiresGrad()) seeds.put(penalties[w], Tensor.scalar(1f));
    if (!seeds.isEmpty()) graphs[w].tape().backward(seeds, Set.of());
  }

  /** One backward pass per task; the shared part of each is moved out as a row of G, heads keep accumulating. */
  private void backwardPerTask(int w) {
    Arrays.fill(workerGrads[w], 0f);
    backwardTasks(w);
    backwardPenalty(w);
  }

  /**
   * Loss sample k's per-task passes. Head gradients add up over the samples in the worker's buffer and are scaled
   * by the weighting's factor after the last; the penalty joins once per step, unscaled.
   */
  private void backwardSample(int w, int k) {
    if (k == 0) Arrays.fill(workerGrads[w], 0f);
    backwardTasks(w);
    if (k < samples - 1) return;
    float scale = (float) weighting.requirements().headGradientScale();
    if (scale != 1f) {
      for (int t = 0; t < tasks.size(); t++) {
        for (int[] r : buffer.rangesOwnedBy(t)) {
          for (int i = r[0]; i < r[1]; i++) workerGrads[w][i] *= scale;
        }
      }
    }
    backwardPenalty(w);
  }

  private void backwardTasks(int w) {
    float[] g = workerGrads[w];
    for (int t = 0; t < tasks.size(); t++) {
      Var v = lossVars[w][t];
      float[] row = taskGrads[w][t];
      if (v != null && v.requiresGrad()) {
        graphs[w].tape().backward(Map.of(v, Tensor.scalar(1f)), Set.of());
        System.arraycopy(g, 0, row, 0, shared);
        Arrays.fill(g, 0, shared, 0f);
      } else {
        Arrays.fill(row, 0f);
      }
    }
  }

  private void backwardPenalty(int w) {
    // The penalty's gradient is not a task's: it stays in the worker buffer (shared part included) with weight 1.
    if (penalties[w] != null && penalties[w].requiresGrad()) {
      graphs[w].tape().backward(Map.of(penalties[w], Tensor.scalar(1f)), Set.of());
    }
  }

  /** One backward pass per task down to the shared representation; heads keep accumulating. */
  private void backwardPerTaskToRepresentation(int w) {
    Arrays.fill(workerGrads[w], 0f);
    Var rep = representations[w];
    for (int t = 0; t < tasks.size(); t++) {
      Var v = lossVars[w][t];
      if (rep == null) {
        representationGrads[w][t] = new float[0];
        continue;
      }
      if (v != null && v.requiresGrad()) graphs[w].tape().backward(Map.of(v, Tensor.scalar(1f)), Set.of(rep));
      // A task the pass did not reach gets zeros; either way the pooled array is the row itself, no copy.
      representationGrads[w][t] = graphs[w].tape().takeGrad(rep).data();
    }
    if (penalties[w] != null && penalties[w].requiresGrad()) {
      graphs[w].tape().backward(Map.of(penalties[w], Tensor.scalar(1f)), Set.of());
    }
  }

  /** Back-propagates this worker's rows of the combined representation gradient through the shared part. */
  private void backwardFromRepresentation(int w) {
    Var rep = representations[w];
    if (rep == null || !rep.requiresGrad()) return;
    int offset = 0;
    for (int i = 0; i < w; i++) offset += representations[i] == null ? 0 : representations[i].value().size();
    Tensor seed = graphs[w].tape().alloc(rep.shape()); // every element is written below
    if (standIns) {
      // Σ_t β_t·∂L_t/∂rep on this worker's rows: backward is linear, so the shared parameters get Σ_t β_t·g_t.
      TaskGradientRows.combine(representationGrads[w], coefficients, seed.data(), seed.offset());
    } else {
      double[] combined = context.sharedGradient();
      for (int i = 0; i < seed.size(); i++) seed.set(i, (float) combined[offset + i]);
    }
    graphs[w].tape().backwardFrom(rep, seed);
  }

  /**
   * Runs an inner-product-only method on T×T stand-ins of G: only the T×T Gram matrix is formed, from float rows in
   * parallel parts (⟨a, b⟩ is additive over coordinates), so no [T, d] double matrix is gathered or combined. The
   * update Σ_t β_t·g_t is then formed in float (parameters, {@link #reduce}) or back-propagated (representation).
   */
  private StepWeights combineOnStandIns() {
    int t = tasks.size();
    double[][][] partial = new double[graphs.length][t][t];
    if (representationMode) {
      parallel.run(w -> { // the worker's rows are still in cache when their Gram part is formed
        backwardPerTaskToRepresentation(w);
        TaskGradientRows.gram(representationGrads[w], 0, representationGrads[w][0].length, partial[w]);
      });
    } else {
      parallel.run(this::backwardPerTask);
      int[] bounds = parallel.split(shared);
      parallel.run(w -> {
        sumTaskGradients(bounds[w], bounds[w + 1]);
        TaskGradientRows.gram(summedTaskGrads, bounds[w], bounds[w + 1], partial[w]);
      });
    }
    double[][] gram = new double[t][t];
    for (double[][] p : partial) {
      for (int i = 0; i < t; i++) {
        for (int j = 0; j <= i; j++) gram[i][j] += p[i][j];
      }
    }
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < i; j++) gram[j][i] = gram[i][j];
    }
    GramStandIn standIn = new GramStandIn(context, gram);
    StepWeights weights = weighting.combine(standIn);
    coefficients = standIn.coefficients();
    return weights;
  }

  /** Σ over workers, in worker order, of each task's shared-parameter gradient on [from, to). */
  private void sumTaskGradients(int from, int to) {
    for (int t = 0; t < tasks.size(); t++) {
      float[] sum = summedTaskGrads[t];
      System.arraycopy(taskGrads[0][t], from, sum, from, to - from);
      for (int w = 1; w < graphs.length; w++) {
        float[] part = taskGrads[w][t];
        for (int i = from; i < to; i++) sum[i] += part[i];
      }
    }
  }

  /**
   * Sums worker gradients in worker order. For parameter-gradient methods the shared part comes from the weighting;
   * with per-task passes, each task's head gradient is scaled by its loss scale.
   */
  private void reduce(boolean sharedFromWeighting, boolean scaleHeads, double[] scales) {
    int from = sharedFromWeighting ? shared : 0;
    int[] bounds = parallel.split(grad.length - from);
    parallel.run(w -> {
      for (int i = from + bounds[w], end = from + bounds[w + 1]; i < end; i++) {
        float s = 0f;
        for (float[] wg : workerGrads) s += wg[i];
        grad[i] = s;
      }
    });
    if (sharedFromWeighting) {
      if (standIns) TaskGradientRows.combine(summedTaskGrads, coefficients, grad, 0);
      double[] combined = context.sharedGradient();
      for (int i = 0; i < shared; i++) {
        float s = 0f;
        for (float[] wg : workerGrads) s += wg[i]; // non-zero only where a penalty touches shared parameters
        grad[i] = (standIns ? grad[i] : (float) combined[i]) + s;
      }
    }
    if (!scaleHeads) return;
    for (int t = 0; t < tasks.size(); t++) {
      float scale = (float) scales[t];
      if (scale == 1f) continue;
      for (int[] r : buffer.rangesOwnedBy(t)) {
        for (int i = r[0]; i < r[1]; i++) grad[i] *= scale;
      }
    }
  }

  /** Stream index of the extra loss samples' dropout: sample 0 keeps the one-sample stream. */
  private static final int SAMPLE_STREAM = -3;

  static long mix(long seed, long step, int worker) {
    long z = seed * 0x9E3779B97F4A7C15L + step * 0xBF58476D1CE4E5B9L + worker * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The weighting's view of a step; per-task gradients are summed over workers only when asked for. */
  private final class Context implements WeightingContext {
    private final double[][] lossHistory;
    private double[][] gradients; // [task][shared], or [task][B·R] in representation mode
    private double[][][] sampleGradients; // [sample][task][shared], only with several samples
    private double[] sharedGradient = new double[shared];
    private RandomSource random;
    private final int[] parameterSizes;
    private boolean gradientsReady;
    private long step;
    private int epoch;

    Context(double[][] lossHistory, double[][] gradients) {
      this.lossHistory = lossHistory;
      this.gradients = gradients;
      List<Integer> sizes = new ArrayList<>();
      for (Parameter p : buffer.parameters()) if (p.shared()) sizes.add(p.size());
      this.parameterSizes = sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    void begin(int epoch, long step) {
      this.epoch = epoch;
      this.step = step;
      this.gradientsReady = false;
      // A stream per step, a pure function of (seed, step): a resumed run draws what the uninterrupted one drew.
      this.random = RandomSource.seeded(mix(seed, step, -1));
      Arrays.fill(sharedGradient, 0);
    }

    public int taskCount() {
      return tasks.size();
    }

    public double[] losses(int sample) {
      requireSample(sample);
      return samples > 1 ? sampleLosses[sample].clone() : stepLosses.clone();
    }

    private void requireSample(int sample) {
      if (sample < 0 || sample >= samples) {
        throw new IllegalArgumentException("loss sample " + sample + ": the weighting declared lossSamples() = "
            + samples);
      }
    }

    /** Several samples: sample k's rows of G, summed over workers once its per-task passes are done. */
    void keepGradients(int k) {
      if (sampleGradients == null) {
        sampleGradients = new double[samples][][];
        sampleGradients[0] = gradients;
        for (int s = 1; s < samples; s++) sampleGradients[s] = new double[tasks.size()][shared];
      }
      gradients = sampleGradients[k];
      gather(taskGrads);
      gradients = sampleGradients[0];
    }

    /**
     * The per-task backward passes run lazily, the first time a method asks for gradients; with several samples
     * they ran for every sample before {@link Weighting#combine}.
     */
    public double[][] taskGradients(int sample) {
      requireSample(sample);
      if (sampleGradients != null) return sampleGradients[sample];
      if (weighting.requirements().needs() == Weighting.Needs.LOSSES) {
        throw new IllegalStateException("this weighting declared needs() = LOSSES but asked for task gradients");
      }
      if (!gradientsReady) {
        if (representationMode) {
          parallel.run(StepExecutor.this::backwardPerTaskToRepresentation);
          gather(representationGrads);
        } else {
          parallel.run(StepExecutor.this::backwardPerTask);
          gather(taskGrads);
        }
        gradientsReady = true;
      }
      return gradients;
    }

    /** Rows of G: parameter gradients summed over workers, or representation gradients joined in row order. */
    private void gather(float[][][] perWorker) {
      int width = representationMode ? Arrays.stream(perWorker).mapToInt(wg -> wg[0].length).sum() : shared;
      if (gradients[0].length != width) {
        gradients = new double[tasks.size()][width];
        sharedGradient = new double[width];
      }
      for (int t = 0; t < tasks.size(); t++) {
        double[] row = gradients[t];
        Arrays.fill(row, 0);
        int at = 0;
        for (float[][] wg : perWorker) {
          float[] src = wg[t];
          for (int i = 0; i < src.length; i++) row[at + i] += src[i];
          if (representationMode) at += src.length;
        }
      }
    }

    public double[] representation() {
      requireRepresentationMode();
      double[] out = new double[sharedGradient.length];
      int at = 0;
      for (Var rep : representations) {
        if (rep == null) continue;
        for (int i = 0; i < rep.value().size(); i++) out[at++] = rep.value().get(i);
      }
      return out;
    }

    public int[] representationShape() {
      requireRepresentationMode();
      int rows = 0, width = 0;
      for (Var rep : representations) {
        if (rep == null) continue;
        rows += rep.value().rows();
        width = rep.value().cols();
      }
      return new int[] {rows, width};
    }

    private void requireRepresentationMode() {
      if (!representationMode) throw new IllegalStateException("representation values exist only for REPRESENTATION_GRADS");
      taskGradients(0);
    }

    public double[] sharedGradient() {
      return sharedGradient;
    }

    public long step() {
      return step;
    }

    public int epoch() {
      return epoch;
    }

    public double[][] lossHistory() {
      return lossHistory;
    }

    public RandomSource random() {
      return random;
    }

    public int[] parameterSizes() {
      return parameterSizes;
    }
  }

  /** Steps a weighting's own learnable parameters (UW, IMTL, GradNorm) with the run's optimizer type. */
  private static final class LearnableSteps {
    private final LearnableParameters parameters;
    private Optimizer optimizer;
    private final float[] values;
    private final float[] gradients;

    LearnableSteps(LearnableParameters parameters, Optimizer optimizer) {
      this.parameters = parameters;
      this.optimizer = optimizer;
      this.values = new float[parameters.size()];
      this.gradients = new float[parameters.size()];
    }

    void step() {
      if (parameters.size() == 0 || !parameters.hasGradient()) return;
      double[] v = parameters.values(), g = parameters.gradients();
      for (int i = 0; i < v.length; i++) {
        values[i] = (float) v[i];
        gradients[i] = (float) g[i];
      }
      optimizer.step(values, gradients, 0, values.length);
      double[] updated = new double[v.length];
      for (int i = 0; i < v.length; i++) updated[i] = values[i];
      parameters.setValues(updated);
    }
  }
}
