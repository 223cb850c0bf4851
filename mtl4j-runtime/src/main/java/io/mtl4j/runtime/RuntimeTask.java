package io.mtl4j.runtime;

import java.util.List;

/**
 * One task's place in a prediction: its values are {@code out[offset, offset + width)} of each row's output.
 *
 * @param kind   binary (the positive class's probability), multiclass (each class's probability), multilabel (each
 *               label's probability) or regression (the value, in the target's units when it was standardised)
 * @param labels multiclass: the class names in output order; multilabel: the label columns; else empty (also when the
 *               model was saved without preprocessing)
 */
public record RuntimeTask(String name, String kind, int offset, int width, List<String> labels) {
  public RuntimeTask {
    labels = List.copyOf(labels);
  }
}
