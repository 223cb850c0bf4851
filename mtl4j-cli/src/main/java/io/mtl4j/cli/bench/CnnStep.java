package io.mtl4j.cli.bench;

import io.mtl4j.autodiff.Elementwise;
import io.mtl4j.autodiff.Var;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mode;
import io.mtl4j.optim.Adam;
import io.mtl4j.task.LabelMask;
import io.mtl4j.task.loss.SoftmaxCrossEntropy;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.DataParallel;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One data-parallel training step of {@link TwoHeadCnn} on a fixed batch: each worker owns its graph and gradient
 * buffer, the gradients are summed in worker order, and Adam (lr 1e-3, PyTorch's defaults) steps the buffer.
 */
final class CnnStep {
  private final TwoHeadCnn model;
  private final DataParallel parallel;
  private final Tensor images;
  private final Tensor[] labels;
  private final int[] bounds;
  private final Graph[] graphs;
  private final float[][] gradients;
  private final float[] losses;
  private final Adam adam = new Adam(Adam.Options.defaults());
  private final SoftmaxCrossEntropy crossEntropy = new SoftmaxCrossEntropy();

  CnnStep(TwoHeadCnn model, DataParallel parallel, Tensor images, Tensor[] labels) {
    this.model = model;
    this.parallel = parallel;
    this.images = images;
    this.labels = labels;
    this.bounds = parallel.split(images.dim(0));
    int workers = parallel.workers(), size = model.buffer().size();
    graphs = new Graph[workers];
    gradients = new float[workers][size];
    losses = new float[workers];
    for (int w = 0; w < workers; w++) graphs[w] = new Graph(model.buffer(), gradients[w]);
  }

  /** Runs one step; returns the summed loss of the tasks before it. */
  float run() {
    parallel.run(this::shard);
    float[] total = gradients[0];
    float loss = losses[0];
    for (int w = 1; w < gradients.length; w++) {
      loss += losses[w];
      for (int i = 0; i < total.length; i++) total[i] += gradients[w][i];
    }
    adam.step(model.buffer().values(), total);
    return loss;
  }

  /** The summed gradient of the last step (worker 0's buffer after the reduction). */
  float[] gradient() {
    return gradients[0];
  }

  private void shard(int w) {
    Arrays.fill(gradients[w], 0f);
    int from = bounds[w], to = bounds[w + 1];
    Graph g = graphs[w].begin(Mode.TRAIN, new SplittableRandom(w));
    Var[] logits = model.forward(g, g.input(images.rowSlice(from, to)));
    // Each shard's mean is over the whole batch, so the shards' gradients add up to the batch gradient.
    LabelMask mask = new LabelMask(Tensor.zeros(to - from).fill(1f), images.dim(0));
    Var loss = null;
    for (int t = 0; t < logits.length; t++) {
      Var term = crossEntropy.loss(logits[t], labels[t].rowSlice(from, to), mask);
      loss = loss == null ? term : Elementwise.add(loss, term);
    }
    g.tape().backward(loss);
    losses[w] = loss.item();
  }
}
