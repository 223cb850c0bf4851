package io.mtl4j.cli.report;

import io.mtl4j.arch.Branching;
import io.mtl4j.arch.LTB;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tree a Learning to Branch model learnt (architecture {@code ltb}), for the console and the reports of
 * {@code train}, {@code info} and {@code relate} (beside its recommended grouping): per layer, the groups of tasks
 * that share a node. Other architectures have none.
 */
public final class BranchingSection {
  private BranchingSection() {}

  /** The learnt tree of {@code model}, when its architecture learns one. */
  public static Optional<Branching> of(MultiTaskModel model) {
    return model.architecture() instanceof LTB ltb ? Optional.of(ltb.branching(model.parameters())) : Optional.empty();
  }

  /** The tree as console lines ("learnt tree (fixed)", then one line per layer), when there is one. */
  public static Optional<String> text(MultiTaskModel model) {
    return of(model).map(b -> b.format(names(model)));
  }

  /** Adds the tree as a table, one row per layer, when there is one. */
  public static Report addTo(Report report, MultiTaskModel model) {
    Optional<Branching> tree = of(model);
    if (tree.isEmpty()) return report;
    Branching b = tree.get();
    List<String> names = names(model);
    List<List<String>> rows = new ArrayList<>();
    for (int l = 0; l < b.layers(); l++) {
      List<String> groups = new ArrayList<>();
      for (List<Integer> g : b.groups(l)) groups.add(g.stream().map(names::get).toList().toString());
      rows.add(List.of(String.valueOf(l), String.join(" ", groups)));
    }
    return report.table("Learnt tree (ltb, " + (b.fixed() ? "fixed" : "not yet fixed: argmax of its logits") + ")",
        List.of("layer (0: bottom)", "tasks sharing a node"), rows);
  }

  private static List<String> names(MultiTaskModel model) {
    return model.tasks().stream().map(Task::name).toList();
  }
}
