package io.mtl4j.classical;

import io.mtl4j.config.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;
import libsvm.svm_problem;

/**
 * Regularized multi-task SVM with a shared kernel (Evgeniou &amp; Pontil, Regularized Multi-Task Learning, KDD 2004):
 * K((x, s), (z, t)) = (1/μ + δ_st)·k(x, z), solved by LIBSVM's Java port on the precomputed kernel.
 *
 * <p>Small μ ties all tasks to one shared function; μ → ∞ leaves T independent SVMs. LIBSVM has one bias b shared
 * by all tasks, so each task also gets its own offset through the kernel term δ_st·B (B = biasScale times the mean
 * k(x, x) of the training rows): a per-task bias with a weak penalty 1/(2B), which makes the μ → ∞ limit match
 * independent SVMs (each with a free bias) up to O(1/B). Labels are -1 and +1.
 */
public final class MultiTaskSVM implements Formulation {
  static {
    // LIBSVM prints progress to stdout by default; library code stays quiet.
    svm.svm_set_print_string_function(s -> { });
  }

  /** Base kernel k(x, z). */
  public enum Kernel {
    /** x·z. */
    LINEAR,
    /** exp(−γ||x − z||²). */
    RBF,
    /** (γ·x·z + coef0)^degree. */
    POLYNOMIAL;

    /** Registry spelling: {@code linear}, {@code rbf} or {@code poly}. */
    public String key() {
      return this == POLYNOMIAL ? "poly" : name().toLowerCase(Locale.ROOT);
    }

    public static Kernel fromKey(String key) {
      return switch (key.trim().toLowerCase(Locale.ROOT)) {
        case "linear" -> LINEAR;
        case "rbf", "gaussian" -> RBF;
        case "poly", "polynomial" -> POLYNOMIAL;
        default -> throw new IllegalArgumentException("kernel = '" + key + "': expected linear, rbf or poly");
      };
    }
  }

  /**
   * @param mu        μ of Evgeniou &amp; Pontil, > 0; {@code Double.POSITIVE_INFINITY} gives independent SVMs
   * @param c         LIBSVM's C, > 0 (default 1)
   * @param kernel    base kernel
   * @param gamma     γ of the RBF and polynomial kernels, > 0
   * @param degree    degree of the polynomial kernel, >= 1
   * @param coef0     coef0 of the polynomial kernel
   * @param biasScale B / mean k(x, x) of the per-task offset term, >= 0 (default 100; 0 = only the shared bias)
   * @param epsilon   LIBSVM's stopping tolerance eps, > 0 (default 1e-3)
   */
  public record Options(double mu, double c, Kernel kernel, double gamma, int degree, double coef0, double biasScale,
                        double epsilon) {
    public Options {
      if (!(mu > 0)) throw new IllegalArgumentException("mu = " + mu + ": expected > 0 (Infinity allowed)");
      Checks.positive("MultiTaskSVM.Options", "c", c);
      Checks.notNull("MultiTaskSVM.Options", "kernel", kernel);
      Checks.positive("MultiTaskSVM.Options", "gamma", gamma);
      Checks.atLeast("MultiTaskSVM.Options", "degree", degree, 1);
      Checks.nonNegative("MultiTaskSVM.Options", "biasScale", biasScale);
      Checks.positive("MultiTaskSVM.Options", "epsilon", epsilon);
      if (!Double.isFinite(coef0)) throw new IllegalArgumentException("coef0 = " + coef0 + ": expected finite");
    }

    /** Linear kernel, C = 1, bias scale 100, eps 1e-3. */
    public Options(double mu) {
      this(mu, 1, Kernel.LINEAR, 1, 3, 0, 100, 1e-3);
    }

    public Options withMu(double newMu) {
      return new Options(newMu, c, kernel, gamma, degree, coef0, biasScale, epsilon);
    }
  }

  private final Options options;

  public MultiTaskSVM(Options options) {
    this.options = Checks.notNull("MultiTaskSVM", "options", options);
  }

  public Options options() {
    return options;
  }

  @Override
  public String name() {
    return "mt-svm";
  }

  double base(double[] x, double[] z) {
    return switch (options.kernel()) {
      case LINEAR -> dot(x, z);
      case RBF -> {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
          double d = x[i] - z[i];
          s += d * d;
        }
        yield Math.exp(-options.gamma() * s);
      }
      case POLYNOMIAL -> Math.pow(options.gamma() * dot(x, z) + options.coef0(), options.degree());
    };
  }

  private static double dot(double[] x, double[] z) {
    double s = 0;
    for (int i = 0; i < x.length; i++) s += x[i] * z[i];
    return s;
  }

  @Override
  public Model fit(MultiTaskData train) {
    long start = System.nanoTime();
    List<double[]> rows = new ArrayList<>();
    List<Integer> taskOf = new ArrayList<>();
    List<Double> labels = new ArrayList<>();
    for (int t = 0; t < train.tasks(); t++) {
      for (int i = 0; i < train.rows(t); i++) {
        double y = train.y(t)[i];
        if (y != 1 && y != -1) {
          throw new IllegalArgumentException("mt-svm: task " + t + " has label " + y + ", expected -1 or 1");
        }
        rows.add(train.row(t, i));
        taskOf.add(t);
        labels.add(y);
      }
    }
    int n = rows.size();
    double[][] k = new double[n][n];
    double diag = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) k[i][j] = k[j][i] = base(rows.get(i), rows.get(j));
      diag += k[i][i];
    }
    double offset = options.biasScale() * Math.max(diag / Math.max(n, 1), 1e-12);
    double shared = 1 / options.mu();
    svm_problem problem = new svm_problem();
    problem.l = n;
    problem.y = new double[n];
    problem.x = new svm_node[n][];
    for (int i = 0; i < n; i++) {
      problem.y[i] = labels.get(i);
      svm_node[] nodes = new svm_node[n + 1];
      nodes[0] = node(0, i + 1);
      for (int j = 0; j < n; j++) {
        boolean same = taskOf.get(i).equals(taskOf.get(j));
        nodes[j + 1] = node(j + 1, (shared + (same ? 1 : 0)) * k[i][j] + (same ? offset : 0));
      }
      problem.x[i] = nodes;
    }
    svm_parameter param = new svm_parameter();
    param.svm_type = svm_parameter.C_SVC;
    param.kernel_type = svm_parameter.PRECOMPUTED;
    param.C = options.c();
    param.eps = options.epsilon();
    param.cache_size = 100;
    param.shrinking = 1;
    param.probability = 0;
    param.nr_weight = 0;
    param.weight_label = new int[0];
    param.weight = new double[0];
    String error = svm.svm_check_parameter(problem, param);
    if (error != null) throw new IllegalArgumentException("mt-svm: LIBSVM rejects the problem: " + error);
    svm_model m = svm.svm_train(problem, param);
    // Decision function Σ_k coef_k·K(sv_k, ·) − ρ, positive for LIBSVM's first label.
    double sign = m.nr_class == 2 && m.label[0] == -1 ? -1 : 1;
    int count = m.l;
    double[][] sv = new double[count][];
    int[] svTask = new int[count];
    double[] coef = new double[count];
    for (int s = 0; s < count; s++) {
      int id = (int) m.SV[s][0].value - 1;
      sv[s] = rows.get(id);
      svTask[s] = taskOf.get(id);
      coef[s] = sign * m.sv_coef[0][s];
    }
    double b = m.nr_class == 2 ? -sign * m.rho[0] : (labels.isEmpty() ? 0 : labels.get(0));
    FitReport report = new FitReport("libsvm", 1, true, Double.NaN, Double.NaN, Double.NaN,
        LinearFits.seconds(start));
    return new Model(this, train.tasks(), sv, svTask, coef, b, shared, offset, report);
  }

  private static svm_node node(int index, double value) {
    svm_node nd = new svm_node();
    nd.index = index;
    nd.value = value;
    return nd;
  }

  /** T independent LIBSVM fits on k (each task its own bias): the baseline the μ → ∞ limit approaches. */
  public List<Model> fitIndependent(MultiTaskData train) {
    List<Model> out = new ArrayList<>();
    MultiTaskSVM single = new MultiTaskSVM(new Options(Double.POSITIVE_INFINITY, options.c(), options.kernel(),
        options.gamma(), options.degree(), options.coef0(), 0, options.epsilon()));
    for (int t = 0; t < train.tasks(); t++) {
      int[][] keep = new int[train.tasks()][0];
      keep[t] = java.util.stream.IntStream.range(0, train.rows(t)).toArray();
      out.add(single.fit(train.select(keep)));
    }
    return out;
  }

  /** A fitted shared-kernel SVM: f_t(x) = Σ_k coef_k·K((sv_k, s_k), (x, t)) + b. */
  public static final class Model implements ClassicalModel {
    private final MultiTaskSVM owner;
    private final int tasks;
    private final double[][] sv;
    private final int[] svTask;
    private final double[] coef;
    private final double bias;
    private final double shared;
    private final double offset;
    private final FitReport report;
    /** Linear kernel only: f_t(x) = x·u_t + e_t with the expansion summed once per task. */
    private final double[][] linearWeights;
    private final double[] linearOffsets;

    Model(MultiTaskSVM owner, int tasks, double[][] sv, int[] svTask, double[] coef, double bias, double shared,
          double offset, FitReport report) {
      this.owner = owner;
      this.tasks = tasks;
      this.sv = sv;
      this.svTask = svTask;
      this.coef = coef;
      this.bias = bias;
      this.shared = shared;
      this.offset = offset;
      this.report = report;
      if (owner.options.kernel() == Kernel.LINEAR && sv.length > 0) {
        int d = sv[0].length;
        linearWeights = new double[tasks][d];
        linearOffsets = new double[tasks];
        for (int t = 0; t < tasks; t++) {
          linearOffsets[t] = bias;
          for (int s = 0; s < sv.length; s++) {
            boolean same = svTask[s] == t;
            double factor = coef[s] * (shared + (same ? 1 : 0));
            if (same) linearOffsets[t] += coef[s] * offset;
            if (factor == 0) continue;
            for (int j = 0; j < d; j++) linearWeights[t][j] += factor * sv[s][j];
          }
        }
      } else {
        linearWeights = null;
        linearOffsets = null;
      }
    }

    @Override
    public int tasks() {
      return tasks;
    }

    @Override
    public String formulation() {
      return owner.name();
    }

    @Override
    public boolean classifier() {
      return true;
    }

    @Override
    public FitReport report() {
      return report;
    }

    public int supportVectors() {
      return sv.length;
    }

    /**
     * Rebuilds a fitted model from its parts (a model file's contents): the formulation's options, T, the support
     * vectors sv [S, D] with their tasks and coefficients, the shared bias, the shared-kernel weight 1/μ and the
     * per-task offset B.
     */
    public static Model restore(Options options, int tasks, double[][] sv, int[] svTask, double[] coef, double bias,
                                double shared, double offset, FitReport report) {
      if (sv.length != svTask.length || sv.length != coef.length) {
        throw new IllegalArgumentException("sv, svTask, coef: lengths " + sv.length + ", " + svTask.length + ", "
            + coef.length + " differ");
      }
      for (int s = 0; s < svTask.length; s++) {
        if (svTask[s] < 0 || svTask[s] >= tasks) {
          throw new IllegalArgumentException("svTask[" + s + "] = " + svTask[s] + ": expected 0.." + (tasks - 1));
        }
        if (sv[s].length != sv[0].length) {
          throw new IllegalArgumentException("sv[" + s + "]: " + sv[s].length + " features, expected " + sv[0].length);
        }
      }
      return new Model(new MultiTaskSVM(options), tasks, sv, svTask, coef, bias, shared, offset, report);
    }

    public Options options() {
      return owner.options;
    }

    /** Support vector s, x [D] (a copy). */
    public double[] supportVector(int s) {
      return sv[s].clone();
    }

    /** The task of support vector s. */
    public int supportVectorTask(int s) {
      return svTask[s];
    }

    /** The dual coefficient y_s·α_s of support vector s (signed so that positive margins mean +1). */
    public double coefficient(int s) {
      return coef[s];
    }

    /** b, the bias shared by all tasks. */
    public double bias() {
      return bias;
    }

    /** 1/μ, the weight of the shared kernel term (0 for independent SVMs). */
    public double sharedWeight() {
      return shared;
    }

    /** B, the per-task offset term of the kernel. */
    public double taskOffset() {
      return offset;
    }

    @Override
    public double predict(int task, double[] x) {
      if (linearWeights != null) return linearOffsets[task] + dot(linearWeights[task], x);
      double f = bias;
      for (int s = 0; s < sv.length; s++) {
        boolean same = svTask[s] == task;
        double factor = shared + (same ? 1 : 0);
        if (factor == 0) continue;
        f += coef[s] * (factor * owner.base(sv[s], x) + (same ? offset : 0));
      }
      return f;
    }
  }
}
