package io.mtl4j.spark;

import io.mtl4j.train.StepPartial;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * The sum of one {@link StepPartial} per partition over a fixed binary tree of partition indices: node (level, i)
 * is the sum over partitions [i·2^level, (i+1)·2^level), always its left child plus its right. Whatever order tasks
 * finish in, and however {@code treeAggregate} groups them, the same additions happen in the same order, so a retry
 * or another schedule cannot change a bit. With two partitions it is p0 + p1, the single JVM's worker-order sum.
 */
final class PartitionOrderSum implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One partition's partial, as a leaf of the tree. */
  record Leaf(int partition, StepPartial partial) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private final int partitions;
  private final Map<Long, StepPartial> nodes = new HashMap<>(); // key: level << 32 | index

  PartitionOrderSum(int partitions) {
    if (partitions < 1) throw new IllegalArgumentException("partitions = " + partitions + ", expected ≥ 1");
    this.partitions = partitions;
  }

  /** Adds a partition's partial (treeAggregate's seqOp). */
  PartitionOrderSum add(Leaf leaf) {
    if (leaf.partition() < 0 || leaf.partition() >= partitions) {
      throw new IllegalArgumentException("partition " + leaf.partition() + " of " + partitions);
    }
    insert(0, leaf.partition(), leaf.partial());
    return this;
  }

  /** Adds the nodes of another sum (treeAggregate's combOp). */
  PartitionOrderSum merge(PartitionOrderSum other) {
    for (Map.Entry<Long, StepPartial> e : other.nodes.entrySet()) {
      insert((int) (e.getKey() >>> 32), (int) (long) e.getKey(), e.getValue());
    }
    return this;
  }

  /** The sum over all partitions; fails when some partition's partial never arrived. */
  StepPartial total() {
    int level = 0;
    while ((1L << level) < partitions) level++;
    StepPartial root = nodes.get(key(level, 0));
    if (root == null || nodes.size() != 1) {
      throw new IllegalStateException("partials of " + partitions + " partitions expected, the sum is incomplete: "
          + nodes.keySet());
    }
    return root;
  }

  private void insert(int level, int index, StepPartial value) {
    while ((1L << level) < partitions) {
      int sibling = index ^ 1;
      if (((long) sibling << level) >= partitions) { // the sibling covers no partition: this node is its parent
        index >>= 1;
        level++;
        continue;
      }
      StepPartial other = nodes.remove(key(level, sibling));
      if (other == null) break;
      value = (index & 1) == 0 ? value.plus(other) : other.plus(value);
      index >>= 1;
      level++;
    }
    if (nodes.putIfAbsent(key(level, index), value) != null) {
      throw new IllegalStateException("partition range of node (" + level + ", " + index + ") added twice");
    }
  }

  private static long key(int level, int index) {
    return (long) level << 32 | index;
  }
}
