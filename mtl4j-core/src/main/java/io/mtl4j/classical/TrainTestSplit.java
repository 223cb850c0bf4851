package io.mtl4j.classical;

import io.mtl4j.data.school.School;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One train/test split of a multi-task data set; {@code seed} is the split's number in reports (School: 1..10).
 */
public record TrainTestSplit(int seed, MultiTaskData train, MultiTaskData test, List<String> taskNames) {
  public TrainTestSplit {
    if (train.tasks() != test.tasks() || train.features() != test.features()) {
      throw new IllegalArgumentException("train has " + train.tasks() + " tasks × " + train.features()
          + " features but test has " + test.tasks() + " × " + test.features());
    }
    if (taskNames == null) {
      taskNames = IntStream.rangeClosed(1, train.tasks()).mapToObj(Integer::toString).toList();
    } else if (taskNames.size() != train.tasks()) {
      throw new IllegalArgumentException("taskNames: " + taskNames.size() + " names for " + train.tasks() + " tasks");
    }
  }

  public TrainTestSplit(int seed, MultiTaskData train, MultiTaskData test) {
    this(seed, train, test, null);
  }

  /** The School benchmark's split as multi-task data (tasks named 1..139 after the school numbers). */
  public static TrainTestSplit of(School.Split split) {
    return new TrainTestSplit(split.index(), data(split.train()), data(split.test()));
  }

  /** The ten fixed CIKM-2019 School splits read from {@code dir} (the folder holding PROVENANCE.md). */
  public static List<TrainTestSplit> school(Path dir) {
    return School.cikm2019Splits(dir).stream().map(TrainTestSplit::of).toList();
  }

  private static MultiTaskData data(School.Part part) {
    return MultiTaskData.fromRows(part.task(), part.x(), part.y(), School.TASKS);
  }
}
