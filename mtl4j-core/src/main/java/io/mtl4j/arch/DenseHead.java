package io.mtl4j.arch;

import io.mtl4j.autodiff.ConcatSplit;
import io.mtl4j.autodiff.Var;
import io.mtl4j.nn.Conv2d;
import io.mtl4j.nn.ConvTranspose2d;
import io.mtl4j.nn.Dropout;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Init;
import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.task.TaskType;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-pixel class logits from the shared trunk's feature map, as in Long et al. 2015 ("Fully Convolutional Networks
 * for Semantic Segmentation"): the head's hidden sizes become 1×1 convolutions (each with the head's activation and
 * dropout), then a transposed convolution of kernel = stride = f maps [B, C, h, w] to K planes of f·h × f·w, the
 * input's size. Plain Conv/ConvTranspose layers, so the head maps one to one onto ONNX operators.
 */
public final class DenseHead implements TaskHead {
  private final List<Conv2d> tower = new ArrayList<>();
  private final Head.Options options;
  private final Dropout dropout;
  private final ConvTranspose2d output;
  private final TaskType.Segmentation type;

  /**
   * @param map  [C, h, w] of the feature map the head reads; H and W of {@code type} must be the same multiple f of h
   *             and w
   * @param task the owning task's index
   */
  DenseHead(ParameterBuffer.Builder builder, String name, int[] map, Head.Options options,
            TaskType.Segmentation type, int task) {
    int factor = factor(name, map, type);
    this.options = options;
    this.type = type;
    this.dropout = new Dropout(options.dropout());
    int channels = map[0];
    for (int i = 0; i < options.hidden().length; i++) {
      tower.add(new Conv2d(builder, name + ".tower." + i, channels, options.hidden()[i], 1, 1, 0,
          options.activation().init(), task));
      channels = options.hidden()[i];
    }
    this.output = new ConvTranspose2d(builder, name + ".out", channels, type.classes(), factor, factor, 0,
        Init.LECUN_UNIFORM, task);
  }

  /** f with H = f·h and W = f·w, or a message naming the head and both sizes. */
  private static int factor(String name, int[] map, TaskType.Segmentation type) {
    int h = map[1], w = map[2];
    if (type.height() % h != 0 || type.width() % w != 0 || type.height() / h != type.width() / w) {
      throw new IllegalArgumentException("dense head '" + name + "': the feature map is " + h + "×" + w + " but the "
          + "task predicts " + type.height() + "×" + type.width() + " pixels; expected H = f·h and W = f·w for one "
          + "integer f (choose the trunk's pooling so)");
    }
    return type.height() / h;
  }

  /** featureMap [B, C, h, w] → logits [B, K·H·W] (channel-major). */
  @Override
  public Var forward(Graph g, Input input) {
    Var x = input.featureMap();
    if (x == null) throw new IllegalStateException("dense head: the model passed no feature map");
    for (Conv2d conv : tower) x = dropout.forward(g, options.activation().apply(conv.forward(g, x)));
    Var logits = output.forward(g, x);
    return ConcatSplit.reshape(logits, logits.shape()[0], type.outputWidth());
  }

  @Override
  public boolean readsFeatureMap() {
    return true;
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    List<ParameterBuffer.ParameterRef> all = new ArrayList<>();
    for (Conv2d conv : tower) all.addAll(conv.parameters());
    all.addAll(output.parameters());
    return all;
  }
}
