package io.mtl4j.data;

import io.mtl4j.encode.GroupRows;
import io.mtl4j.encode.IdRows;
import io.mtl4j.encode.text.Vocabulary;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * One token of each row hidden and predicted back from the rest through the shared encoder: BERT's masked-token
 * objective (Devlin et al., "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding", NAACL
 * 2019) as an auxiliary task on a token group. Per row one position is drawn among the tokens whose id is below the
 * task's class count (the vocabulary cap; a fitted vocabulary numbers its words most frequent first) and is not the
 * padding row; the row keeps its length with that position set to the padding row (our [MASK]), and the target is the
 * hidden id, a class of the task's softmax over the capped vocabulary. A row without such a token has no target.
 *
 * <p>{@link #addTo} draws the positions when the targets are made; the trainer draws them anew every epoch through
 * {@link #redraw}, from a seed derived from (run seed, epoch). In single-input data every task reads the masked rows;
 * to keep the main tasks' input whole, give the auxiliary task rows of its own (multi-input data).
 */
public final class MaskedToken implements SelfTargets {
  @Override
  public Dataset addTo(Dataset data, Task task, SplittableRandom random) {
    Hidden h = hide(tokens(data, task.auxiliary().of()), cap(task), random);
    return data.withGroup(task.auxiliary().of(), h.rows()).withTask(task.name(), h.target(), h.mask());
  }

  /** The hidden tokens put back where {@link #addTo} took them, then other positions drawn from {@code random}. */
  @Override
  public Dataset redraw(Dataset data, Task task, SplittableRandom random) {
    IdRows whole = restored(tokens(data, task.auxiliary().of()), data.labels(task.name()), data.mask(task.name()));
    Hidden h = hide(whole, cap(task), random);
    return data.withGroup(task.auxiliary().of(), h.rows()).withLabels(task.name(), h.target(), h.mask());
  }

  /** The rows with one eligible token per row hidden, and the hidden ids as targets (mask 0: no eligible token). */
  private record Hidden(IdRows rows, Tensor target, Tensor mask) {}

  private static Hidden hide(IdRows rows, int cap, SplittableRandom random) {
    int n = rows.rows();
    int[] offsets = rows.offsets(), ids = rows.ids().clone();
    float[] target = new float[n], mask = new float[n];
    for (int r = 0; r < n; r++) {
      int eligible = 0;
      for (int k = offsets[r]; k < offsets[r + 1]; k++) if (eligible(ids[k], cap)) eligible++;
      if (eligible == 0) continue;
      int pick = random.nextInt(eligible);
      for (int k = offsets[r]; k < offsets[r + 1]; k++) {
        if (eligible(ids[k], cap) && pick-- == 0) {
          target[r] = ids[k];
          mask[r] = 1f;
          ids[k] = Vocabulary.PADDING;
          break;
        }
      }
    }
    return new Hidden(new IdRows(offsets, ids), Tensor.of(target, n), Tensor.of(mask, n));
  }

  /**
   * The rows before {@link #hide}: in each row with a target, its one padding id (no token maps to the padding row)
   * becomes the target again.
   */
  private static IdRows restored(IdRows masked, Tensor target, Tensor mask) {
    int[] offsets = masked.offsets(), ids = masked.ids().clone();
    for (int r = 0; r < masked.rows(); r++) {
      if (mask.get(r) == 0f) continue;
      for (int k = offsets[r]; k < offsets[r + 1]; k++) {
        if (ids[k] == Vocabulary.PADDING) {
          ids[k] = (int) target.get(r); // labels [N, 1]: row r is element r
          break;
        }
      }
    }
    return new IdRows(offsets, ids);
  }

  private static int cap(Task task) {
    if (!(task.type() instanceof TaskType.Multiclass capped)) {
      throw new IllegalArgumentException("masked-token: the task is " + task.type().kind() + "; expected multiclass "
          + "over the capped vocabulary (Task.maskedToken)");
    }
    return capped.classes();
  }

  private static boolean eligible(int id, int cap) {
    return id != Vocabulary.PADDING && id < cap;
  }

  /** The token sequences of group {@code of}, or a message naming what the rows hold instead. */
  private static IdRows tokens(Dataset data, String of) {
    if (of == null || data.groups() == null) {
      throw new IllegalArgumentException("masked-token: name the token group with 'of'; "
          + (data.groups() == null ? "the rows are one features matrix without groups" : "groups: "
          + data.groups().groups().keySet()));
    }
    GroupRows group = data.groups().group(of);
    if (!(group instanceof IdRows rows)) {
      throw new IllegalArgumentException("masked-token of group '" + of + "': it is a "
          + group.getClass().getSimpleName() + " group; expected token sequences (IdRows)");
    }
    return rows;
  }
}
