package io.mtl4j.onnx;

import static io.mtl4j.onnx.OnnxGraph.attr;

import io.mtl4j.arch.Head;
import io.mtl4j.data.TargetScaling;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;

/**
 * A task's head and the step from logits to what {@code predict} gives: the tower, the output layer, then the task
 * type's activation (sigmoid, softmax or none) and, for a standardised regression target, y = z·std + mean.
 */
final class HeadExport {
  private HeadExport() {}

  /**
   * Refuses a task whose head has no exporter, before any node is written: a new task type must not fall through as
   * if it were a regression, a dense per-pixel head reads the image feature map, not a representation, and an
   * auxiliary task whose targets come from the input (reconstruction, masked-token) is not a prediction.
   */
  static void requireExportable(Task task) {
    if (task.isAuxiliary() && task.auxiliary().fromInput()) {
      // Its head serves training only and predicts no label; removing it leaves the other tasks' outputs unchanged.
      throw new IllegalArgumentException("task '" + task.name() + "' is an auxiliary " + task.auxiliary().targets()
          + " task (its targets come from the input, for training only) and has no ONNX export; remove it first: "
          + "mtl4j remove-task --task " + task.name() + " (the other tasks predict exactly as before)");
    }
    TaskType type = task.type();
    if (type instanceof TaskType.Binary || type instanceof TaskType.Multiclass || type instanceof TaskType.Multilabel
        || type instanceof TaskType.Regression) {
      return;
    }
    throw new IllegalArgumentException("task '" + task.name() + "' of kind '" + type.kind() + "' has no ONNX export "
        + "(exported: binary, multiclass, multilabel, regression); a dense per-pixel (segmentation) head is not "
        + "exported yet");
  }

  /** The task's predictions [rows, width] from its representation (a task {@link #requireExportable} accepts). */
  static String predictions(Layers net, Task task, Head.Options head, String representation, TargetScaling scaling) {
    String prefix = "head." + task.name();
    String z = net.linear(net.mlp(representation, prefix + ".tower", head.hidden().length, head.activation()),
        prefix + ".out");
    OnnxGraph g = net.graph();
    TaskType type = task.type();
    String y;
    if (type instanceof TaskType.Binary || type instanceof TaskType.Multilabel) {
      y = g.op("Sigmoid", z);
    } else if (type instanceof TaskType.Multiclass) {
      y = net.softmax(z);
    } else {
      y = z;
    }
    return scaling == null ? y : original(g, y, scaling);
  }

  /** TargetScaling.original in double, rounded to float: the same arithmetic as mtl4j's. */
  private static String original(OnnxGraph g, String z, TargetScaling s) {
    String wide = g.op("Cast", z, attr("to", OnnxGraph.DOUBLE));
    String y = g.op("Add", g.op("Mul", wide, g.doubles("std", new double[] {s.std()})),
        g.doubles("mean", new double[] {s.mean()}));
    return g.op("Cast", y, attr("to", OnnxGraph.FLOAT));
  }
}
