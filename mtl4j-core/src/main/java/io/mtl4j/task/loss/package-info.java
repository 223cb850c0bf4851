/**
 * The loss functions, each one class with its forward and backward over masked rows (binary and softmax
 * cross-entropy, MSE, MAE, Huber, multi-label BCE, per-pixel cross-entropy for dense heads). Depends on {@code task} (the {@code Loss} interface),
 * {@code autodiff} and {@code tensor}; only {@code task.Losses} names these classes.
 * To add a loss: add a class here, its test, and one line in {@link io.mtl4j.task.Losses}.
 */
package io.mtl4j.task.loss;
