package io.mtl4j.spark;

import io.mtl4j.train.StepPartial;
import java.nio.ByteBuffer;
import java.util.Base64;
import org.apache.spark.BarrierTaskContext;

/**
 * The allreduce of one barrier task's {@link StepPartial}: every task sends its partial to all others with
 * {@link BarrierTaskContext#allGather} and adds all of them in the same fixed tree of partition indices that
 * {@code treeAggregate} uses ({@link PartitionOrderSum}), so every task holds the bits the driver of a synchronous
 * step would hold. Partials travel as Base64 text (allGather carries strings), floats as their 4 bytes, cut into
 * chunks that keep each allGather reply (one chunk per task) below the RPC message limit.
 */
final class BarrierAllreduce {
  private final BarrierTaskContext context;
  private final int partitions;
  private final int chunkChars;

  /**
   * @param chunkChars the most characters one task sends in one allGather; the reply to each task carries
   *                   {@code partitions} of them
   */
  BarrierAllreduce(BarrierTaskContext context, int partitions, int chunkChars) {
    if (chunkChars < 4) throw new IllegalArgumentException("chunkChars = " + chunkChars + ", expected ≥ 4");
    this.context = context;
    this.partitions = partitions;
    this.chunkChars = chunkChars;
  }

  /**
   * The chunk size that keeps an allGather reply of {@code partitions} chunks within half of Spark's
   * {@code spark.rpc.message.maxSize} (MiB): the other half is headroom for the RPC's own framing.
   */
  static int chunkChars(int maxSizeMib, int partitions) {
    return (int) Math.min(Integer.MAX_VALUE - 8, ((long) maxSizeMib << 20) / 2 / Math.max(1, partitions));
  }

  /** The sum over all tasks' partials, in partition order; every task must call it with partials of one shape. */
  StepPartial sum(StepPartial mine) {
    String text = Base64.getEncoder().encodeToString(encode(mine));
    int chunks = (text.length() + chunkChars - 1) / chunkChars; // equal on every task: the partials' shapes are
    StringBuilder[] gathered = new StringBuilder[partitions];
    for (int p = 0; p < partitions; p++) gathered[p] = new StringBuilder(text.length());
    for (int c = 0; c < chunks; c++) {
      String part = text.substring(c * chunkChars, Math.min(text.length(), (c + 1) * chunkChars));
      String[] all = context.allGather(part);
      for (int p = 0; p < partitions; p++) gathered[p].append(all[p]);
    }
    PartitionOrderSum<StepPartial> sum = new PartitionOrderSum<>(partitions, StepPartial::plus);
    for (int p = 0; p < partitions; p++) {
      sum.add(new PartitionOrderSum.Leaf<>(p, decode(Base64.getDecoder().decode(gathered[p].toString()))));
    }
    return sum.total();
  }

  /** T and the losses; the gradient (length or −1 for none, then its floats); the task rows (count or −1, each so). */
  static byte[] encode(StepPartial partial) {
    float[] gradient = partial.gradient();
    float[][] rows = partial.taskRows();
    long size = 12L + 8L * partial.losses().length + (gradient == null ? 0 : 4L * gradient.length);
    for (int t = 0; rows != null && t < rows.length; t++) size += 4 + 4L * rows[t].length;
    if (size > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("a step's partial of " + size + " bytes "
        + "exceeds what one task can encode (2 GiB); use --strategy sync");
    ByteBuffer b = ByteBuffer.allocate((int) size);
    b.putInt(partial.losses().length);
    for (double l : partial.losses()) b.putDouble(l);
    putFloats(b, gradient);
    b.putInt(rows == null ? -1 : rows.length);
    for (int t = 0; rows != null && t < rows.length; t++) putFloats(b, rows[t]);
    return b.array();
  }

  static StepPartial decode(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    double[] losses = new double[b.getInt()];
    for (int t = 0; t < losses.length; t++) losses[t] = b.getDouble();
    float[] gradient = floats(b);
    int tasks = b.getInt();
    float[][] rows = tasks < 0 ? null : new float[tasks][];
    for (int t = 0; t < Math.max(0, tasks); t++) rows[t] = floats(b);
    return new StepPartial(losses, gradient, rows);
  }

  private static void putFloats(ByteBuffer b, float[] values) {
    b.putInt(values == null ? -1 : values.length);
    if (values == null) return;
    b.asFloatBuffer().put(values);
    b.position(b.position() + 4 * values.length);
  }

  private static float[] floats(ByteBuffer b) {
    int n = b.getInt();
    if (n < 0) return null;
    float[] out = new float[n];
    b.asFloatBuffer().get(out);
    b.position(b.position() + 4 * n);
    return out;
  }
}
