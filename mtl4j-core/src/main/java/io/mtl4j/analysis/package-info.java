/**
 * Task relatedness: which tasks help each other. Label statistics on co-labelled rows, gradient geometry and
 * inter-task affinity sampled during training (a {@link io.mtl4j.train.TrainingListener}), and the choice of task
 * groups under a budget of models. Depends on train, data and task; nothing there depends on it.
 */
package io.mtl4j.analysis;
