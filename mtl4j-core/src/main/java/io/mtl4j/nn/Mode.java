package io.mtl4j.nn;

/** Training (dropout active, gradients recorded) or evaluation. */
public enum Mode { TRAIN, EVAL }
