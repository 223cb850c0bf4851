package io.mtl4j.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * The sum of one partial result per partition (a step's {@code StepPartial}, model averaging's parameters) over a
 * fixed binary tree of partition indices: node (level, i) is the sum over partitions [i·2^level, (i+1)·2^level),
 * always its left child plus its right. Whatever order tasks finish in, and however {@code treeAggregate} groups
 * them, the same additions happen in the same order, so a retry or another schedule cannot change a bit. With two
 * partitions it is p0 + p1, the single JVM's worker-order sum.
 */
final class PartitionOrderSum<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Adds two partials, the earlier partitions' first; returns a new value. */
  interface Plus<T> extends Serializable {
    T apply(T earlier, T later);
  }

  /** One partition's partial, as a leaf of the tree. */
  record Leaf<T>(int partition, T partial) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private final int partitions;
  private final Plus<T> plus;
  private final Map<Long, T> nodes = new HashMap<>(); // key: level << 32 | index

  PartitionOrderSum(int partitions, Plus<T> plus) {
    if (partitions < 1) throw new IllegalArgumentException("partitions = " + partitions + ", expected ≥ 1");
    this.partitions = partitions;
    this.plus = plus;
  }

  /** Adds a partition's partial (treeAggregate's seqOp). */
  PartitionOrderSum<T> add(Leaf<T> leaf) {
    if (leaf.partition() < 0 || leaf.partition() >= partitions) {
      throw new IllegalArgumentException("partition " + leaf.partition() + " of " + partitions);
    }
    insert(0, leaf.partition(), leaf.partial());
    return this;
  }

  /** Adds the nodes of another sum (treeAggregate's combOp). */
  PartitionOrderSum<T> merge(PartitionOrderSum<T> other) {
    for (Map.Entry<Long, T> e : other.nodes.entrySet()) {
      insert((int) (e.getKey() >>> 32), (int) (long) e.getKey(), e.getValue());
    }
    return this;
  }

  /** The sum over all partitions; fails when some partition's partial never arrived. */
  T total() {
    int level = 0;
    while ((1L << level) < partitions) level++;
    T root = nodes.get(key(level, 0));
    if (root == null || nodes.size() != 1) {
      throw new IllegalStateException("partials of " + partitions + " partitions expected, the sum is incomplete: "
          + nodes.keySet());
    }
    return root;
  }

  private void insert(int level, int index, T value) {
    while ((1L << level) < partitions) {
      int sibling = index ^ 1;
      if (((long) sibling << level) >= partitions) { // the sibling covers no partition: this node is its parent
        index >>= 1;
        level++;
        continue;
      }
      T other = nodes.remove(key(level, sibling));
      if (other == null) break;
      value = (index & 1) == 0 ? plus.apply(value, other) : plus.apply(other, value);
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
