package io.mtl4j.io;

import io.mtl4j.classical.FitReport;
import io.mtl4j.classical.MultiTaskSVM;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An MT-SVM model in a classical model file: the document part ({@code "kind": "mt-svm"}, sizes, the kernel's
 * options, shared bias, shared-kernel weight, task offset, solver report) and float64 tensors {@code sv} [S, D]
 * (row-major), {@code sv-task} [S] and {@code coef} [S]. Sizes read from a file are checked against its tensors and
 * {@link ArchiveLimits} before anything is allocated from them.
 */
final class SvmModelMaps {
  static final String KIND = "mt-svm";
  private static final String SV = "sv";
  private static final String SV_TASK = "sv-task";
  private static final String COEF = "coef";

  private SvmModelMaps() {}

  /** The document part of {@code model}; its tensors go into {@code tensors}. */
  static Map<String, Object> toMap(MultiTaskSVM.Model model, Map<String, double[]> tensors) {
    int count = model.supportVectors();
    int d = count == 0 ? 0 : model.supportVector(0).length;
    double[] sv = new double[count * d];
    double[] svTask = new double[count];
    double[] coef = new double[count];
    for (int s = 0; s < count; s++) {
      System.arraycopy(model.supportVector(s), 0, sv, s * d, d);
      svTask[s] = model.supportVectorTask(s);
      coef[s] = model.coefficient(s);
    }
    tensors.put(SV, sv);
    tensors.put(SV_TASK, svTask);
    tensors.put(COEF, coef);
    MultiTaskSVM.Options o = model.options();
    Map<String, Object> options = new LinkedHashMap<>();
    // JSON has no Infinity: μ = ∞ (independent SVMs) is written as the text the options accept.
    options.put("mu", Double.isInfinite(o.mu()) ? "inf" : o.mu());
    options.put("c", o.c());
    options.put("kernel", o.kernel().key());
    options.put("gamma", o.gamma());
    options.put("degree", o.degree());
    options.put("coef0", o.coef0());
    options.put("bias-scale", o.biasScale());
    options.put("eps", o.epsilon());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", KIND);
    m.put("formatVersion", 1);
    m.put("formulation", model.formulation());
    m.put("tasks", model.tasks());
    m.put("features", d);
    m.put("supportVectors", count);
    m.put("svmOptions", options);
    m.put("bias", model.bias());
    m.put("sharedWeight", model.sharedWeight());
    m.put("taskOffset", model.taskOffset());
    m.put("report", model.report().toMap());
    return m;
  }

  /**
   * The inverse of {@link #toMap}, refusing sizes its tensors do not hold, and T × D (the linear kernel's per-task
   * weights, allocated on load) above {@code limits.maxValues()}.
   */
  static MultiTaskSVM.Model fromMap(Path file, Map<String, Object> m, Map<String, double[]> tensors,
                                    ArchiveLimits limits) {
    int version = ((Number) m.get("formatVersion")).intValue();
    if (version != 1) throw new ModelFileException(file, "has an mt-svm model of version " + version + ", expected 1");
    int tasks = ((Number) m.get("tasks")).intValue();
    int d = ((Number) m.get("features")).intValue();
    int count = ((Number) m.get("supportVectors")).intValue();
    if (tasks < 1 || d < 0 || count < 0 || (long) tasks * d > limits.maxValues()) {
      throw new ModelFileException(file, "has an mt-svm model of " + tasks + " tasks × " + d + " features; expected "
          + "≥ 1 task and at most " + limits.maxValues() + " values");
    }
    double[] flat = sized(file, tensors, SV, (long) count * d);
    double[] taskOf = sized(file, tensors, SV_TASK, count);
    double[] coef = sized(file, tensors, COEF, count);
    double[][] sv = new double[count][];
    int[] svTask = new int[count];
    for (int s = 0; s < count; s++) {
      sv[s] = Arrays.copyOfRange(flat, s * d, (s + 1) * d);
      if (taskOf[s] != Math.rint(taskOf[s]) || taskOf[s] < 0 || taskOf[s] >= tasks) {
        throw new ModelFileException(file, "tensor '" + SV_TASK + "' holds " + taskOf[s] + " at index " + s
            + ", expected a task number 0.." + (tasks - 1));
      }
      svTask[s] = (int) taskOf[s];
    }
    Map<String, Object> o = ModelFile.map(m.get("svmOptions"));
    Object mu = o.get("mu");
    MultiTaskSVM.Options options = new MultiTaskSVM.Options(
        "inf".equals(mu) ? Double.POSITIVE_INFINITY : number(mu), number(o.get("c")),
        MultiTaskSVM.Kernel.fromKey((String) o.get("kernel")), number(o.get("gamma")),
        ((Number) o.get("degree")).intValue(), number(o.get("coef0")), number(o.get("bias-scale")),
        number(o.get("eps")));
    return MultiTaskSVM.Model.restore(options, tasks, sv, svTask, coef, number(m.get("bias")),
        number(m.get("sharedWeight")), number(m.get("taskOffset")), FitReport.fromMap(ModelFile.map(m.get("report"))));
  }

  private static double[] sized(Path file, Map<String, double[]> tensors, String name, long expected) {
    double[] v = ClassicalModelFile.tensor(file, tensors, name);
    if (v.length != expected) {
      throw new ModelFileException(file, "tensor '" + name + "' has " + v.length + " values, expected " + expected);
    }
    return v;
  }

  private static double number(Object o) {
    return ((Number) o).doubleValue();
  }
}
