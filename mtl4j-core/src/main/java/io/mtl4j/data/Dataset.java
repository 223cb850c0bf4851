package io.mtl4j.data;

import io.mtl4j.encode.FeatureRows;
import io.mtl4j.encode.GroupRows;
import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of features [N, D] with labels for one or more tasks. A label may be missing for a row: its mask entry is 0
 * and the row is left out of that task's loss and metrics. A task's labels may be standardised (a
 * {@link TargetScaling}, set by {@link Preprocessing}); metrics then map predictions and labels back to y's units.
 * A dataset of feature groups ({@link #groups()}, for models with encoders) has a features matrix of width 0.
 */
public final class Dataset {
  private final Tensor features;
  private final List<String> tasks;
  private final Tensor[] labels;
  private final Tensor[] masks;
  private final TargetScaling[] scalings;
  private final FeatureRows groups;

  private Dataset(Tensor features, FeatureRows groups, List<String> tasks, Tensor[] labels, Tensor[] masks,
      TargetScaling[] scalings) {
    Shapes.requireMatrix("Dataset features", features);
    int n = features.rows();
    if (groups != null && groups.rows() != n) {
      throw new IllegalArgumentException("Dataset: feature groups have " + groups.rows() + " rows, features " + n);
    }
    for (int t = 0; t < tasks.size(); t++) {
      if (labels[t].rows() != n || masks[t].size() != n) {
        throw new IllegalArgumentException("Dataset: task '" + tasks.get(t) + "' has labels "
            + Shapes.format(labels[t].shape()) + " and mask " + Shapes.format(masks[t].shape()) + " for " + n + " rows");
      }
    }
    this.features = features;
    this.tasks = List.copyOf(tasks);
    this.labels = labels;
    this.masks = masks;
    this.scalings = scalings;
    this.groups = groups;
  }

  /** Starts a dataset over {@code features} [N, D]. */
  public static Builder builder(Tensor features) {
    return new Builder(features, null);
  }

  /** Starts a dataset over named feature groups (for a model whose spec declares the same groups). */
  public static Builder builder(FeatureRows groups) {
    return new Builder(Tensor.zeros(groups.rows(), 0), groups);
  }

  /** The feature groups, or null for a dataset of one features matrix. */
  public FeatureRows groups() {
    return groups;
  }

  public int rows() {
    return features.rows();
  }

  public int featureCount() {
    return features.cols();
  }

  public Tensor features() {
    return features;
  }

  public List<String> tasks() {
    return tasks;
  }

  public boolean hasTask(String task) {
    return tasks.contains(task);
  }

  public Tensor labels(String task) {
    return labels[index(task)];
  }

  public Tensor mask(String task) {
    return masks[index(task)];
  }

  /** The standardisation of the task's labels, or null when they are in the units given. */
  public TargetScaling targetScaling(String task) {
    return scalings[index(task)];
  }

  private int index(String task) {
    int i = tasks.indexOf(task);
    if (i < 0) throw new IllegalArgumentException("dataset has no task '" + task + "'; tasks: " + tasks);
    return i;
  }

  /**
   * This dataset plus task {@code name} with labels [N, k] and mask [N] (features, groups and the other tasks
   * shared, not copied): how targets computed from the rows join them ({@link AuxiliaryTargets}).
   */
  public Dataset withTask(String name, Tensor labels, Tensor mask) {
    if (tasks.contains(name)) throw new IllegalArgumentException("Dataset: duplicate task '" + name + "'");
    List<String> t = new ArrayList<>(tasks);
    t.add(name);
    int n = tasks.size();
    Tensor[] l = java.util.Arrays.copyOf(this.labels, n + 1);
    Tensor[] m = java.util.Arrays.copyOf(masks, n + 1);
    TargetScaling[] s = java.util.Arrays.copyOf(scalings, n + 1);
    l[n] = labels.rank() == 1 ? labels.reshape(labels.size(), 1) : labels;
    m[n] = mask;
    return new Dataset(features, groups, t, l, m, s);
  }

  /** A new dataset with task {@code name}'s labels and mask replaced (its scaling kept); the rest shared. */
  public Dataset withLabels(String name, Tensor labels, Tensor mask) {
    int t = tasks.indexOf(name);
    if (t < 0) throw new IllegalArgumentException("Dataset: no task '" + name + "'; tasks: " + tasks);
    Tensor[] l = this.labels.clone(), m = masks.clone();
    l[t] = labels.rank() == 1 ? labels.reshape(labels.size(), 1) : labels;
    m[t] = mask;
    return new Dataset(features, groups, tasks, l, m, scalings);
  }

  /** This dataset with feature group {@code name}'s rows replaced by {@code rows} (same row count; labels shared). */
  public Dataset withGroup(String name, GroupRows rows) {
    if (groups == null) throw new IllegalArgumentException("Dataset: no feature groups, so no group '" + name + "'");
    groups.group(name); // an unknown name fails here, listing the groups
    Map<String, GroupRows> g = new LinkedHashMap<>(groups.groups());
    g.put(name, rows);
    return new Dataset(features, FeatureRows.of(g), tasks, labels, masks, scalings);
  }

  /** A new dataset with the given rows, in that order. */
  public Dataset select(int[] rows) {
    Tensor f = gather(features, rows);
    Tensor[] l = new Tensor[labels.length], m = new Tensor[masks.length];
    for (int t = 0; t < labels.length; t++) {
      l[t] = gather(labels[t], rows);
      m[t] = gather(masks[t], rows);
    }
    return new Dataset(f, groups == null ? null : groups.gather(rows, 0, rows.length), tasks, l, m, scalings);
  }

  /** Copies rows {@code order[from..to)} into {@code batch}, which must have this dataset's layout. */
  void copyRows(int[] order, int from, int to, Batch batch) {
    copyRows(features, order, from, to, batch.features());
    // Groups are ragged, so a batch gets fresh compact arrays rather than a reused buffer.
    if (groups != null) batch.setGroups(groups.gather(order, from, to));
    for (int t = 0; t < labels.length; t++) {
      copyRows(labels[t], order, from, to, batch.labels(t));
      copyRows(masks[t], order, from, to, batch.mask(t));
    }
  }

  /** A batch buffer of up to {@code capacity} rows shaped like this dataset. */
  public Batch newBatch(int capacity) {
    Tensor[] l = new Tensor[labels.length], m = new Tensor[masks.length];
    for (int t = 0; t < labels.length; t++) {
      l[t] = Tensor.zeros(capacity, labels[t].cols());
      m[t] = Tensor.zeros(capacity);
    }
    return new Batch(Tensor.zeros(capacity, features.cols()), null, tasks, l, m, capacity);
  }

  private static void copyRows(Tensor src, int[] order, int from, int to, Tensor dst) {
    int w = src.cols();
    for (int i = from; i < to; i++) {
      System.arraycopy(src.data(), src.offset() + order[i] * w, dst.data(), dst.offset() + (i - from) * w, w);
    }
  }

  private static Tensor gather(Tensor src, int[] rows) {
    int[] shape = src.shape();
    shape[0] = rows.length;
    Tensor dst = Tensor.zeros(shape);
    copyRows(src, rows, 0, rows.length, dst);
    return dst;
  }

  /** Adds tasks one by one; validates shapes when built. */
  public static final class Builder {
    private final Tensor features;
    private final FeatureRows groups;
    private final Map<String, Tensor[]> tasks = new LinkedHashMap<>();
    private final Map<String, TargetScaling> scalings = new LinkedHashMap<>();

    private Builder(Tensor features, FeatureRows groups) {
      this.features = features;
      this.groups = groups;
    }

    /** A task whose labels are all present; labels [N] or [N, k]. */
    public Builder task(String name, Tensor labels) {
      return task(name, labels, Tensor.zeros(features.rows()).fill(1f));
    }

    /** A task with a mask [N]: 1 where the label is present, 0 where it is missing. */
    public Builder task(String name, Tensor labels, Tensor mask) {
      return task(name, labels, mask, null);
    }

    /** A task whose labels are standardised by {@code scaling} (null: as given). */
    public Builder task(String name, Tensor labels, Tensor mask, TargetScaling scaling) {
      if (tasks.containsKey(name)) throw new IllegalArgumentException("Dataset: duplicate task '" + name + "'");
      Tensor l = labels.rank() == 1 ? labels.reshape(labels.size(), 1) : labels;
      tasks.put(name, new Tensor[] {l, mask});
      scalings.put(name, scaling);
      return this;
    }

    public Dataset build() {
      List<String> names = new ArrayList<>(tasks.keySet());
      Tensor[] l = new Tensor[names.size()], m = new Tensor[names.size()];
      TargetScaling[] s = new TargetScaling[names.size()];
      for (int i = 0; i < names.size(); i++) {
        l[i] = tasks.get(names.get(i))[0];
        m[i] = tasks.get(names.get(i))[1];
        s[i] = scalings.get(names.get(i));
      }
      return new Dataset(features, groups, names, l, m, s);
    }
  }
}
