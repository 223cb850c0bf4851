package io.mtl4j.spark;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.MMoE;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Batch;
import io.mtl4j.data.Dataset;
import io.mtl4j.task.Losses;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.PartitionPass;
import io.mtl4j.train.StepPartial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.SerializerInstance;
import scala.reflect.ClassTag$;

/**
 * Bench: the bytes one synchronous step moves, by model size and task count, measured as the Java-serialized size of
 * what Spark ships (its default serializer for broadcasts and task results): the parameters broadcast to each
 * executor, and each partition's {@link StepPartial} sent back through {@code treeAggregate}. Loss weightings whose
 * scales need the step's losses (GLS) send a forward-only partial and a combined gradient (the "loss-w" column); the
 * others (EW, fixed, DWA, UW) the combined gradient only, all but T doubles of it; gradient weightings (PCGrad,
 * MGDA…) one partial with each task's shared gradient. Model averaging sends parameters and optimizer state once per
 * k steps instead. Barrier training ({@link BarrierAllreduce}) broadcasts nothing per step: each task sends its
 * partial once, Base64-encoded, and receives every task's.
 *
 * <p>Usage: {@code java -cp mtl4j-spark-all.jar:<Spark's jars> io.mtl4j.spark.StepTraffic [inputs]}.
 */
public final class StepTraffic {
  /** Spark's default serializer for broadcasts and task results. */
  private static final SerializerInstance SPARK = new JavaSerializer(new SparkConf()).newInstance();

  private StepTraffic() {}

  public static void main(String[] args) {
    int inputs = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    System.out.printf(Locale.ROOT, "%-26s %5s %9s %10s %12s %13s %13s %14s %14s %14s%n", "model (MMoE, " + inputs
        + " inputs)", "T", "P", "shared d", "params B", "loss-w up B", "grad-w up B", "averaging B/k", "barrier ew B",
        "barrier grad B");
    for (int experts : new int[] {4, 8}) {
      for (int hidden : new int[] {32, 128}) {
        for (int tasks : new int[] {2, 4, 8}) row(inputs, experts, hidden, tasks);
      }
    }
    System.out.println("per step: down = params B × executors (torrent broadcast); up = partitions × (loss-w or "
        + "grad-w up B); model averaging: (params + Adam's 2 moments) down and up once per k steps; barrier: each task "
        + "sends its partial (barrier ew B: EW's one combined pass; barrier grad B: per-task rows) and receives the "
        + "k tasks' ones");
  }

  private static void row(int inputs, int experts, int hidden, int tasks) {
    List<Task> list = new ArrayList<>();
    for (int t = 0; t < tasks; t++) list.add(Task.of("task" + t, TaskType.binary(), "auc"));
    ModelSpec spec = new ModelSpec(inputs, list, new MMoE.Options(experts, hidden), new Head.Options(16));
    MultiTaskModel model = MultiTaskModel.create(spec, 1);
    Batch batch = batch(inputs, list, 64);
    double[] denominators = new double[tasks];
    Arrays.fill(denominators, 64);
    double[] scales = new double[tasks];
    Arrays.fill(scales, 1);
    StepPartial forward = new PartitionPass(model, 1, 0, false, Losses.defaults()).losses(batch, denominators, 0, true);
    StepPartial combined = new PartitionPass(model, 1, 0, false, Losses.defaults())
        .combined(batch, denominators, 0, scales);
    StepPartial rows = new PartitionPass(model, 1, 0, true, Losses.defaults()).taskRows(batch, denominators, 0);
    float[] params = model.parameters().values();
    long averaging = bytes(new ModelAveraging.Local(params, new io.mtl4j.optim.OptimizerState("adam", 1,
        java.util.Map.of("m", params.clone(), "v", params.clone())), new double[tasks]));
    System.out.printf(Locale.ROOT, "%-26s %5d %9d %10d %12d %13d %13d %14d %14d %14d%n", experts + " experts × "
        + hidden, tasks, params.length, model.parameters().sharedSize(), bytes(params), bytes(forward)
        + bytes(combined), bytes(rows), averaging, barrierBytes(combined), barrierBytes(rows));
  }

  private static Batch batch(int inputs, List<Task> tasks, int rows) {
    SplittableRandom r = new SplittableRandom(7);
    float[] x = new float[rows * inputs];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    Dataset.Builder b = Dataset.builder(Tensor.of(x, rows, inputs));
    for (Task t : tasks) {
      float[] y = new float[rows];
      for (int i = 0; i < rows; i++) y[i] = r.nextBoolean() ? 1f : 0f;
      b.task(t.name(), Tensor.of(y, rows));
    }
    Dataset data = b.build();
    int[] all = new int[rows];
    for (int i = 0; i < rows; i++) all[i] = i;
    return data.newBatch(rows).load(data, all, 0, rows);
  }

  /** What one barrier task sends for {@code partial}: its encoding as Base64 text, one byte per character. */
  private static long barrierBytes(StepPartial partial) {
    return java.util.Base64.getEncoder().encodeToString(BarrierAllreduce.encode(partial)).length();
  }

  private static long bytes(Object value) {
    return SPARK.serialize(value, ClassTag$.MODULE$.AnyRef()).remaining();
  }
}
