package io.mtl4j.optim;

/**
 * Updates a flat parameter buffer in place from a gradient buffer with the same layout.
 *
 * <p>One call of {@link #step} is one optimization step: it advances the internal step counter (Adam's bias
 * correction and the {@link LrSchedule} read it) and updates {@code params[from, to)} from {@code grads[from, to)}.
 * State arrays (momentum, moments) are allocated on the first step with the length of {@code params}, so the
 * same optimizer must always be given buffers of that length; entries outside {@code [from, to)} keep their state.
 */
public interface Optimizer {

  /** Registry name ({@code sgd}, {@code adam}, {@code adamw}). */
  String name();

  /** One optimization step over {@code params[from, to)}; allocation-free after the first call. */
  default void step(float[] params, float[] grads, int from, int to) {
    step(params, grads, new int[][] {{from, to}});
  }

  /**
   * One optimization step over the disjoint ranges {@code ranges[i] = {from, to}}, in ascending order; values
   * outside them, and their state (momentum, moments), stay exactly as they are: weight decay included. The trainer
   * freezes parameters this way. Allocation-free after the first call.
   */
  void step(float[] params, float[] grads, int[][] ranges);

  /**
   * {@link #step(float[], float[], int[][])} with the elementwise loop split over {@code workers}, when the
   * optimizer can and the ranges are large enough to pay for it: the same floats as the one-thread step. A split
   * step allocates its parts.
   */
  default void step(float[] params, float[] grads, int[][] ranges, Workers workers) {
    step(params, grads, ranges);
  }

  /** One optimization step over the whole buffer. */
  default void step(float[] params, float[] grads) {
    step(params, grads, 0, params.length);
  }

  /** Number of completed steps (0 before the first). */
  long steps();

  /** The learning rate the next step will use: base rate × schedule rate at {@link #steps()}. */
  double learningRate();

  /** A deep copy of the step counter and state arrays, for checkpoints. */
  OptimizerState state();

  /**
   * Replaces the step counter and state arrays with a copy of {@code state}, so that the next steps continue
   * bit-identically to the optimizer that exported it (given the same options and schedule).
   *
   * @throws IllegalArgumentException when the state was exported by another optimizer kind or has other arrays
   */
  void restore(OptimizerState state);
}
