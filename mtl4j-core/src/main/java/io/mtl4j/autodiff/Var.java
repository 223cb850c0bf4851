package io.mtl4j.autodiff;

import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/** A value recorded on a {@link Tape}, with a gradient slot that the tape fills during a backward pass. */
public final class Var {
  final Tape tape;
  final Tensor value;
  final boolean requiresGrad;
  /** Parameters accumulate straight into an external gradient buffer, never zeroed by the tape. */
  final boolean externalGrad;
  /** For a row-sparse parameter, the rows its gradient holds this step ({@link Tape#rowGrad}); otherwise null. */
  final TouchedRows touchedRows;
  Tensor grad;
  int gradPass = -1;

  Var(Tape tape, Tensor value, boolean requiresGrad, Tensor externalGrad) {
    this(tape, value, requiresGrad, externalGrad, null);
  }

  Var(Tape tape, Tensor value, boolean requiresGrad, Tensor externalGrad, TouchedRows touchedRows) {
    this.tape = tape;
    this.touchedRows = touchedRows;
    this.value = value;
    this.requiresGrad = requiresGrad;
    this.externalGrad = externalGrad != null;
    this.grad = externalGrad;
  }

  public Tape tape() {
    return tape;
  }

  public Tensor value() {
    return value;
  }

  public boolean requiresGrad() {
    return requiresGrad;
  }

  /** The gradient left by the last backward pass, or null when this pass did not reach this value. */
  public Tensor grad() {
    return externalGrad || gradPass == tape.pass() ? grad : null;
  }

  public int[] shape() {
    return value.shape();
  }

  /** Scalar value of a one-element Var. */
  public float item() {
    if (value.size() != 1) {
      throw new IllegalStateException("item(): Var of shape " + Shapes.format(value.shape()) + " is not a scalar");
    }
    return value.get(0);
  }

  @Override
  public String toString() {
    return "Var" + Shapes.format(value.shape()) + (requiresGrad ? " (grad)" : "");
  }
}
