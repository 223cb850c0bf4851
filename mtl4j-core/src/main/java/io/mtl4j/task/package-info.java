/**
 * What a task is: {@link io.mtl4j.task.Task} (name, {@link io.mtl4j.task.TaskType}, loss, metrics), its
 * {@link io.mtl4j.task.Loss} with {@link io.mtl4j.task.LabelMask}s for missing labels, and the loss registry
 * {@link io.mtl4j.task.Losses}, which lists the implementations in {@code task.loss}. Depends on {@code autodiff}
 * and {@code tensor}; {@code data}, {@code arch} and {@code train} depend on it.
 */
package io.mtl4j.task;
