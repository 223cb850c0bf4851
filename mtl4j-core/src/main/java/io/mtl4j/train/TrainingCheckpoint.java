package io.mtl4j.train;

import io.mtl4j.optim.OptimizerState;
import java.util.List;
import java.util.Map;

/**
 * Everything a run needs to continue bit-identically: counters (every random stream is a pure function of seed,
 * epoch, step and worker, so counters are the whole RNG state), weights, optimizer and weighting state, the
 * epoch's running loss sums, early-stopping state and the finished epochs.
 *
 * @param epoch       epoch to continue in (0-based)
 * @param stepInEpoch steps of that epoch already done: the position in its data order
 * @param step        global steps done
 * @param finished    training ended (all epochs, or early stopping) before this checkpoint
 * @param lrScale     learning-rate multiplier left by rollbacks (1 without)
 * @param weightSum   the epoch's running sums of the applied task weights (with {@code weightCount}), as for losses
 * @param config      {@link TrainingConfig#toMap()} of the run, to refuse resuming with another config
 */
public record TrainingCheckpoint(int epoch, int stepInEpoch, long step, boolean finished, double lrScale, int rollbacks,
                                 float[] parameters, OptimizerState optimizer, OptimizerState learnableOptimizer,
                                 double[] learnableValues, Map<String, double[]> weightingState, double[][] lossHistory,
                                 double[] lossSum, int[] lossCount, double[] weightSum, int[] weightCount,
                                 double bestScore, int bestEpoch, int sinceBest,
                                 float[] bestWeights, List<EpochRecord> epochs, Map<String, Object> config) {}
