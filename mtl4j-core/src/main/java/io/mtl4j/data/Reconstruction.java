package io.mtl4j.data;

import io.mtl4j.encode.DenseRows;
import io.mtl4j.encode.GroupRows;
import io.mtl4j.task.Task;
import io.mtl4j.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * The row's own input as its target, for an autoencoder head on the shared representation trained with MSE (Le,
 * Patterson &amp; White, "Supervised autoencoders: Improving generalization performance with unsupervised
 * regularizers", NeurIPS 2018).
 *
 * <p>It reads the features matrix, or a dense group's values as the group's encoder receives them (already
 * standardised or one-hot where the config says so). Token, categorical and image groups are refused: their inputs
 * are ids or pixels that a plain MSE head does not reconstruct meaningfully.
 */
public final class Reconstruction implements SelfTargets {
  @Override
  public Dataset addTo(Dataset data, Task task, SplittableRandom random) {
    return data.withTask(task.name(), targets(data, task.auxiliary().of()), Tensor.zeros(data.rows()).fill(1f));
  }

  /** A copy of the values reconstructed: the features matrix ({@code of} null) or dense group {@code of}. */
  static Tensor targets(Dataset data, String of) {
    if (of == null) {
      if (data.featureCount() == 0) {
        throw new IllegalArgumentException("reconstruction: the rows are feature groups "
            + data.groups().groups().keySet() + "; name the dense group to reconstruct with 'of'");
      }
      return data.features().copy();
    }
    if (data.groups() == null) {
      throw new IllegalArgumentException("reconstruction of group '" + of + "': the rows are one features matrix "
          + "without groups; leave 'of' out to reconstruct it");
    }
    GroupRows group = data.groups().group(of);
    if (!(group instanceof DenseRows dense)) {
      throw new IllegalArgumentException("reconstruction of group '" + of + "': it is a "
          + group.getClass().getSimpleName() + " group; expected a dense group");
    }
    return dense.values().copy();
  }
}
