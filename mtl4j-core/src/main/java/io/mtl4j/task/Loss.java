package io.mtl4j.task;

import io.mtl4j.autodiff.Var;
import io.mtl4j.tensor.Tensor;

/** A masked task loss: masked rows add nothing, and the sum is divided by {@link LabelMask#denominator()}. */
public interface Loss {
  /** Registry name, e.g. {@code bce}. */
  String name();

  /**
   * @param logits [rows, outputWidth]
   * @param labels [rows, labelWidth]
   * @return a scalar
   */
  Var loss(Var logits, Tensor labels, LabelMask mask);
}
