package io.mtl4j.analysis;

import java.util.Map;

/**
 * What a {@link GradientProbe} measured over the sampled steps of one training run.
 *
 * @param cosine         mean cosine of the per-task gradients on all shared parameters
 * @param magnitudeRatio geometric mean of ‖g_i‖/‖g_j‖ (a ratio's mean over steps should not depend on which task
 *                       is the numerator, so logs are averaged)
 * @param affinity       TAG inter-task affinity Z_{i→j}, row i's update acting on column j's loss
 * @param cosineByLayer  the mean cosine on each shared layer's parameters, by layer name
 * @param samples        sampled steps
 * @param seconds        wall time the probe took (its overhead on training)
 */
public record GradientRelations(TaskMatrix cosine, TaskMatrix magnitudeRatio, TaskMatrix affinity,
                                Map<String, TaskMatrix> cosineByLayer, int samples, double seconds) {}
