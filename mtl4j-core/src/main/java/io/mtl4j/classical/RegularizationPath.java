package io.mtl4j.classical;

import java.util.ArrayList;
import java.util.List;

/**
 * A regularisation path: formulations fitted one after another on the same data, each starting from the previous
 * solution (order them from strong to weak regularisation: the sparse, cheap end first).
 */
public final class RegularizationPath {
  private RegularizationPath() {}

  public static List<LinearMtlModel> fit(List<? extends LinearFormulation> path, MultiTaskData train) {
    List<LinearMtlModel> out = new ArrayList<>();
    LinearMtlModel previous = null;
    for (LinearFormulation f : path) {
      previous = f.fit(train, previous);
      out.add(previous);
    }
    return out;
  }
}
