package io.mtl4j.arch;

import io.mtl4j.autodiff.Var;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Module;

/**
 * A task's output layers, as {@link MultiTaskModel} runs them: the trainer and the evaluator see only the logits. A
 * {@link Head} reads the architecture's representation; a {@link DenseHead} reads the shared image trunk's feature map.
 */
public interface TaskHead extends Module {
  /**
   * What a head may read.
   *
   * @param representation its task's representation [B, H] (private encodings joined), or null for a dense head
   * @param featureMap     the shared image group's feature map [B, C, h, w], or null when no head reads it
   */
  record Input(Var representation, Var featureMap) {}

  /** Logits [B, outputWidth] of the task type. */
  Var forward(Graph g, Input input);

  /** True when the head reads {@link Input#featureMap()} rather than the representation. */
  boolean readsFeatureMap();
}
