package io.mtl4j.nn;

import io.mtl4j.autodiff.Tape;
import io.mtl4j.autodiff.TouchedRows;
import io.mtl4j.autodiff.Var;
import io.mtl4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One forward pass's view of a model: the tape, each parameter bound to its values and (in training) to a gradient
 * buffer, the mode, and the random stream for dropout. Each worker thread owns one.
 */
public final class Graph {
  private final Tape tape = new Tape();
  private final ParameterBuffer buffer;
  private final float[] gradients;
  private final Map<String, Var> bound = new HashMap<>();
  private final List<RunningStatistics.Batch> statistics = new ArrayList<>();
  private final List<StateWrite> stateWrites = new ArrayList<>();
  private final TouchedRows[] touched; // [row-sparse parameter]: rows this worker's gradient holds
  private Mode mode = Mode.EVAL;
  private SplittableRandom random = new SplittableRandom(0);
  private int epoch;

  /** @param gradients where parameter gradients accumulate, same length as the buffer; null for inference */
  public Graph(ParameterBuffer buffer, float[] gradients) {
    if (gradients != null && gradients.length != buffer.size()) {
      throw new IllegalArgumentException("gradient buffer of " + gradients.length + " floats for " + buffer.size() + " parameters");
    }
    this.buffer = buffer;
    this.gradients = gradients;
    this.touched = new TouchedRows[gradients == null ? 0 : buffer.rowSparse().size()];
    for (int i = 0; i < touched.length; i++) touched[i] = new TouchedRows(buffer.rowSparse().get(i).shape()[0]);
  }

  /** Starts a new pass at epoch 0: releases the previous tape's buffers. */
  public Graph begin(Mode mode, SplittableRandom random) {
    return begin(mode, random, 0);
  }

  /**
   * Starts a new pass of training epoch {@code epoch} (counting from 0), which architectures with a schedule of their
   * own read (Learning to Branch's temperature and the epoch its tree is fixed at).
   */
  public Graph begin(Mode mode, SplittableRandom random, int epoch) {
    tape.reset();
    bound.clear();
    statistics.clear();
    stateWrites.clear();
    this.mode = mode;
    this.random = random;
    this.epoch = epoch;
    return this;
  }

  /** The training epoch this pass belongs to (0 outside a training loop). */
  public int epoch() {
    return epoch;
  }

  public Tape tape() {
    return tape;
  }

  public Mode mode() {
    return mode;
  }

  public SplittableRandom random() {
    return random;
  }

  public ParameterBuffer buffer() {
    return buffer;
  }

  public float[] gradients() {
    return gradients;
  }

  /**
   * The rows of each row-sparse parameter ({@link ParameterBuffer#rowSparse()}, same order) that hold gradient in
   * this graph's buffer; they survive {@link #begin}, and whoever zeroes the buffer clears them.
   */
  public TouchedRows[] touchedRows() {
    return touched;
  }

  /** The Var of a parameter for this pass (one per parameter per pass); state never gets a gradient. */
  public Var param(ParameterBuffer.ParameterRef ref) {
    return bound.computeIfAbsent(ref.name(), name -> {
      Parameter p = buffer.get(name);
      Tensor value = buffer.value(p);
      if (gradients == null || mode == Mode.EVAL || buffer.isState(p)) return tape.constant(value);
      Tensor grad = Tensor.view(gradients, p.offset(), p.shape());
      int sparse = touched.length == 0 ? -1 : buffer.rowSparseIndex(p);
      return sparse < 0 ? tape.parameter(value, grad) : tape.rowSparseParameter(value, grad, touched[sparse]);
    });
  }

  /**
   * Keeps a layer's batch statistics of this pass for {@link RunningStatistics#apply}, which folds every shard's in a
   * fixed order once the step is done: the forward pass itself never writes the shared buffer.
   */
  public void recordStatistics(RunningStatistics.Batch batch) {
    statistics.add(batch);
  }

  /** The batch statistics recorded since {@link #begin}, in the order the layers ran. */
  public List<RunningStatistics.Batch> statistics() {
    return java.util.Collections.unmodifiableList(statistics);
  }

  /**
   * A value a state parameter takes once the step is done (a decision a training pass made, such as the tree Learning
   * to Branch fixes); as with {@link #recordStatistics}, the pass itself never writes the shared buffer.
   */
  public record StateWrite(ParameterBuffer.ParameterRef target, float[] values) {}

  /** Asks for {@code values} to be written to the state parameter {@code target} after this step. */
  public void writeState(ParameterBuffer.ParameterRef target, float[] values) {
    stateWrites.add(new StateWrite(target, values.clone()));
  }

  /** The state writes asked for since {@link #begin}, in the order they were asked. */
  public List<StateWrite> stateWrites() {
    return java.util.Collections.unmodifiableList(stateWrites);
  }

  /** Wraps an input tensor. */
  public Var input(Tensor value) {
    return tape.constant(value);
  }
}
