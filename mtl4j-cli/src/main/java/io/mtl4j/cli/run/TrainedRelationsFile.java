package io.mtl4j.cli.run;

import io.mtl4j.analysis.GroupComparison;
import io.mtl4j.analysis.PairwiseTransfer;
import io.mtl4j.analysis.SubsetTraining;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of {@code relatedness.json} that train extra models: pairwise transfer (its gain matrix sits among the
 * measures; here its spread over seeds) and the grouped vs all-in-one vs single-task comparison on held-out rows.
 */
public final class TrainedRelationsFile {
  private TrainedRelationsFile() {}

  /** Adds {@code pairwiseTransfer} and {@code trainedGroups} to {@code file} for those that were run (non-null). */
  public static void add(Map<String, Object> file, PairwiseTransfer transfer, GroupComparison groups,
                         SubsetTraining runs) {
    if (transfer != null) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("meaning", "transferGain (row i the partner, column j the task scored): relative change in percent of j's "
          + "primary metric on the validation rows, pair model over single-task model of the same seed; mean over seeds");
      t.put("seeds", transfer.seeds());
      t.put("spread", RelatednessFile.rows(transfer.spread().values()));
      file.put("pairwiseTransfer", t);
    }
    if (groups != null) file.put("trainedGroups", groups(groups));
    if (runs != null) file.put("extraTrainings", Map.of("models", runs.trainings(), "seconds", runs.seconds()));
  }

  private static Map<String, Object> groups(GroupComparison c) {
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("meaning", "held-out (test) primary metric per task, negated where lower is better; mean and standard "
        + "deviation over seeds, and the mean relative gain in percent over the single-task model of the same seed; "
        + "each task served by the group scoring it best on the validation rows");
    g.put("seeds", c.seeds());
    List<List<String>> groups = new ArrayList<>();
    for (int[] members : c.groups()) groups.add(java.util.Arrays.stream(members).mapToObj(c.tasks()::get).toList());
    g.put("groups", groups);
    Map<String, Object> served = new LinkedHashMap<>();
    for (int j = 0; j < c.tasks().size(); j++) served.put(c.tasks().get(j), c.servedBy()[j]);
    g.put("servedBy", served);
    Map<String, Object> schemes = new LinkedHashMap<>();
    c.schemes().forEach((name, s) -> {
      Map<String, Object> perTask = new LinkedHashMap<>();
      for (int j = 0; j < c.tasks().size(); j++) {
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("mean", RelatednessFile.number(s.mean()[j]));
        cell.put("spread", RelatednessFile.number(s.spread()[j]));
        cell.put("gainPercent", RelatednessFile.number(s.gain()[j]));
        perTask.put(c.tasks().get(j), cell);
      }
      Map<String, Object> scheme = new LinkedHashMap<>();
      scheme.put("meanGainPercent", RelatednessFile.number(s.meanGain()));
      scheme.put("perTask", perTask);
      schemes.put(name, scheme);
    });
    g.put("schemes", schemes);
    return g;
  }
}
