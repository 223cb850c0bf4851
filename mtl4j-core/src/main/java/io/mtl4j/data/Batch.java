package io.mtl4j.data;

import io.mtl4j.encode.FeatureRows;
import io.mtl4j.tensor.Tensor;
import java.util.List;

/**
 * A reusable buffer of rows: features, each task's labels and masks. {@link #rows()} says how many rows are filled;
 * {@link #shard} gives views for data-parallel workers without copying.
 */
public final class Batch {
  private final Tensor features;
  private final List<String> tasks;
  private final Tensor[] labels;
  private final Tensor[] masks;
  private FeatureRows groups;
  private int rows;

  Batch(Tensor features, FeatureRows groups, List<String> tasks, Tensor[] labels, Tensor[] masks, int rows) {
    this.features = features;
    this.groups = groups;
    this.tasks = tasks;
    this.labels = labels;
    this.masks = masks;
    this.rows = rows;
  }

  /** Fills this buffer with rows {@code order[from..to)} of {@code data}. */
  public Batch load(Dataset data, int[] order, int from, int to) {
    if (to - from > features.rows()) {
      throw new IllegalArgumentException("batch of " + (to - from) + " rows exceeds capacity " + features.rows());
    }
    data.copyRows(order, from, to, this);
    rows = to - from;
    return this;
  }

  public int rows() {
    return rows;
  }

  /** Marks the first {@code rows} rows filled, for writers in this package that fill the views themselves. */
  void resize(int rows) {
    if (rows > features.rows()) {
      throw new IllegalArgumentException("batch of " + rows + " rows exceeds capacity " + features.rows());
    }
    this.rows = rows;
  }

  /**
   * The buffers' arrays, and where row 0 starts in each, for writers in this package that copy rows in themselves:
   * fetched once per batch instead of a view per row.
   */
  Buffers buffers() {
    return Buffers.of(features, labels, masks);
  }

  /**
   * Rows as arrays: features [rows, D] from {@code featuresAt}, per task labels [rows, k] and mask [rows], each from
   * its offset. A batch's buffers, a dataset's, or a shuffle buffer's slots.
   */
  record Buffers(float[] features, int featuresAt, int width, float[][] labels, int[] labelsAt, int[] labelWidths,
                 float[][] masks, int[] masksAt) {
    static Buffers of(Tensor features, Tensor[] labels, Tensor[] masks) {
      int tasks = labels.length;
      float[][] l = new float[tasks][], m = new float[tasks][];
      int[] labelsAt = new int[tasks], labelWidths = new int[tasks], masksAt = new int[tasks];
      for (int t = 0; t < tasks; t++) {
        l[t] = labels[t].data();
        labelsAt[t] = labels[t].offset();
        labelWidths[t] = labels[t].cols();
        m[t] = masks[t].data();
        masksAt[t] = masks[t].offset();
      }
      return new Buffers(features.data(), features.offset(), features.cols(), l, labelsAt, labelWidths, m, masksAt);
    }

    /** Copies row {@code row} into row {@code toRow} of {@code to}, which has the same widths. */
    void copyRow(int row, Buffers to, int toRow) {
      System.arraycopy(features, featuresAt + row * width, to.features, to.featuresAt + toRow * width, width);
      for (int t = 0; t < labels.length; t++) {
        int w = labelWidths[t];
        System.arraycopy(labels[t], labelsAt[t] + row * w, to.labels[t], to.labelsAt[t] + toRow * w, w);
        to.masks[t][to.masksAt[t] + toRow] = masks[t][masksAt[t] + row];
      }
    }
  }

  public List<String> tasks() {
    return tasks;
  }

  /** Features of the filled rows [rows, D]. */
  public Tensor features() {
    return features.rowSlice(0, rows);
  }

  /** The filled rows' feature groups, or null when the data is one features matrix. */
  public FeatureRows groups() {
    return groups;
  }

  void setGroups(FeatureRows groups) {
    this.groups = groups;
  }

  public Tensor labels(int task) {
    return labels[task].rowSlice(0, rows);
  }

  public Tensor mask(int task) {
    return masks[task].rowSlice(0, rows);
  }

  public int taskIndex(String task) {
    int i = tasks.indexOf(task);
    if (i < 0) throw new IllegalArgumentException("batch has no task '" + task + "'; tasks: " + tasks);
    return i;
  }

  /** Number of labelled rows of a task in this batch. */
  public int labelled(int task) {
    Tensor m = mask(task);
    int n = 0;
    for (int i = 0; i < m.size(); i++) if (m.get(i) != 0f) n++;
    return n;
  }

  /** Rows [from, to) as views into this buffer. */
  public Batch shard(int from, int to) {
    Tensor[] l = new Tensor[labels.length], m = new Tensor[masks.length];
    for (int t = 0; t < labels.length; t++) {
      l[t] = labels[t].rowSlice(from, to);
      m[t] = masks[t].rowSlice(from, to);
    }
    return new Batch(features.rowSlice(from, to), groups == null ? null : groups.slice(from, to), tasks, l, m,
        to - from);
  }
}
