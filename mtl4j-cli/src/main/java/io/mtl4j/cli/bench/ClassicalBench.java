package io.mtl4j.cli.bench;

import io.mtl4j.classical.FitReport;
import io.mtl4j.classical.L21;
import io.mtl4j.classical.LinearMtlModel;
import io.mtl4j.classical.LossFunction;
import io.mtl4j.classical.MultiTaskData;
import io.mtl4j.classical.SolverOptions;
import io.mtl4j.classical.solver.Fista;
import io.mtl4j.config.Checks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code mtl4j bench classical}: the shared-X multi-task Lasso of scikit-learn's {@code MultiTaskLasso}
 * (bench/python/multitask_lasso.py builds the same data from the same SplitMix64 streams), solved by {@link L21}
 * to scikit-learn's own certificate: duality gap ≤ tol·||Y||²_F on the objective multiplied by n.
 *
 * <p>Objective (scikit-learn's scale): (1/(2n))||Y − XW||²_F + α||W||_{2,1}; mtl4j's L21 minimises n times it
 * with λ = nα. The time counted is everything after the data exist: Gram statistics, solver, model.
 */
public final class ClassicalBench {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /**
   * @param n rows, @param d features, @param tasks targets (T), @param support non-zero rows of W_true,
   * @param noise noise scale, @param alphaRatio α as a fraction of α_max, @param tolerance scikit-learn's tol,
   * @param seed data seed, @param repeats timed repeats (the best is reported)
   */
  public record Options(int n, int d, int tasks, int support, double noise, double alphaRatio, double tolerance,
                        long seed, int repeats) {
    public Options {
      Checks.atLeast("ClassicalBench.Options", "n", n, 1);
      Checks.atLeast("ClassicalBench.Options", "d", d, 1);
      Checks.atLeast("ClassicalBench.Options", "tasks", tasks, 1);
      Checks.atLeast("ClassicalBench.Options", "support", support, 0);
      Checks.nonNegative("ClassicalBench.Options", "noise", noise);
      Checks.positive("ClassicalBench.Options", "alphaRatio", alphaRatio);
      Checks.positive("ClassicalBench.Options", "tolerance", tolerance);
      Checks.atLeast("ClassicalBench.Options", "repeats", repeats, 1);
    }

    /** The problem: n = 20,000, D = 500, T = 20, 50 relevant features, α = 0.1·α_max, tol 1e-4. */
    public static Options defaults() {
      return new Options(20_000, 500, 20, 50, 1.0, 0.1, 1e-4, 42, 3);
    }

    /** The flags bench/python/multitask_lasso.py takes for the same problem. */
    public List<String> pythonArguments() {
      return List.of("--n", "" + n, "--d", "" + d, "--t", "" + tasks, "--support", "" + support, "--noise",
          "" + noise, "--alpha-ratio", "" + alphaRatio, "--tol", "" + tolerance, "--seed", "" + seed,
          "--repeats", "" + repeats);
    }
  }

  /**
   * @param seconds    best wall time to the certificate
   * @param iterations FISTA steps
   * @param objective  scikit-learn-scale objective at the solution
   * @param gap        final duality gap (n-scaled, as scikit-learn's {@code dual_gap_})
   * @param alpha      the α used
   * @param selected   non-zero rows of W
   */
  public record Result(double seconds, int iterations, double objective, double gap, double alpha, int selected) {}

  private ClassicalBench() {}

  /** Doubles in [0, 1) from SplitMix64 started at seed + stream·2³²: bit-identical to the Python twin. */
  static double[] uniform(long seed, long stream, int count) {
    double[] out = new double[count];
    long base = seed + (stream << 32);
    for (int i = 0; i < count; i++) {
      long z = base + (i + 1) * GOLDEN;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      z = z ^ (z >>> 31);
      out[i] = (z >>> 11) * 0x1.0p-53;
    }
    return out;
  }

  /** The bench problem: X [n, D] with unit-variance entries, Y = X·W_true + noise [n, T]. */
  public static MultiTaskData problem(Options o) {
    double root3 = Math.sqrt(3.0);
    double[] ux = uniform(o.seed(), 0, o.n() * o.d());
    double[] uw = uniform(o.seed(), 1, o.d() * o.tasks());
    double[] ue = uniform(o.seed(), 2, o.n() * o.tasks());
    double[][] x = new double[o.n()][o.d()];
    for (int i = 0; i < o.n(); i++) {
      for (int j = 0; j < o.d(); j++) x[i][j] = root3 * (2 * ux[i * o.d() + j] - 1);
    }
    double[] w = new double[o.d() * o.tasks()];
    for (int j = 0; j < Math.min(o.support(), o.d()); j++) {
      for (int t = 0; t < o.tasks(); t++) w[j * o.tasks() + t] = 2 * uw[j * o.tasks() + t] - 1;
    }
    double[][] y = new double[o.n()][o.tasks()];
    for (int i = 0; i < o.n(); i++) {
      for (int j = 0; j < Math.min(o.support(), o.d()); j++) {
        double xij = x[i][j];
        for (int t = 0; t < o.tasks(); t++) y[i][t] += xij * w[j * o.tasks() + t];
      }
      for (int t = 0; t < o.tasks(); t++) y[i][t] += o.noise() * root3 * (2 * ue[i * o.tasks() + t] - 1);
    }
    return MultiTaskData.sharedX(x, y);
  }

  /** α = alphaRatio · max_j ||X_jᵀY||₂ / n (scikit-learn's α_max scaled). */
  static double alpha(MultiTaskData data, double ratio) {
    int d = data.features();
    int n = data.rows(0);
    double[][] xty = new double[data.tasks()][d]; // X_tᵀ y_t, row-major X [n, D]
    for (int t = 0; t < data.tasks(); t++) {
      double[] x = data.x(t);
      double[] y = data.y(t);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) xty[t][j] += x[i * d + j] * y[i];
      }
    }
    double max = 0;
    for (int j = 0; j < d; j++) {
      double s = 0;
      for (double[] col : xty) s += col[j] * col[j];
      max = Math.max(max, Math.sqrt(s));
    }
    return ratio * max / n;
  }

  public static Result run(Options o) {
    MultiTaskData data = problem(o);
    double alpha = alpha(data, o.alphaRatio());
    int n = data.rows(0);
    SolverOptions solver = new SolverOptions(SolverOptions.Mode.CONVERGED, o.tolerance(), 1_000_000, o.seed(),
        Fista.Criterion.DUALITY_GAP);
    L21 l21 = new L21(new L21.Options(n * alpha, LossFunction.LEAST_SQUARES, solver));
    double best = Double.POSITIVE_INFINITY;
    LinearMtlModel model = null;
    for (int r = 0; r < o.repeats(); r++) {
      long start = System.nanoTime();
      model = l21.fit(data);
      best = Math.min(best, (System.nanoTime() - start) / 1e9);
    }
    FitReport rep = model.report();
    return new Result(best, rep.iterations(), rep.objective() / n, rep.gap(), alpha, model.selectedFeatures(0).length);
  }

  /**
   * {@code java … io.mtl4j.cli.bench.ClassicalBench [--python /usr/bin/python3 --script bench/python/multitask_lasso.py]
   * [--python-threads 1] [--n 20000 --d 500 --t 20 --tol 1e-4 --repeats 3]}: prints mtl4j's line and, with a script, scikit-learn's and the
   * ratio. For the CLI's {@code bench classical}; a benchmark, so it prints.
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    Options d = Options.defaults();
    Options o = new Options(Integer.parseInt(a.getOrDefault("n", "" + d.n())),
        Integer.parseInt(a.getOrDefault("d", "" + d.d())), Integer.parseInt(a.getOrDefault("t", "" + d.tasks())),
        Integer.parseInt(a.getOrDefault("support", "" + d.support())),
        Double.parseDouble(a.getOrDefault("noise", "" + d.noise())),
        Double.parseDouble(a.getOrDefault("alpha-ratio", "" + d.alphaRatio())),
        Double.parseDouble(a.getOrDefault("tol", "" + d.tolerance())),
        Long.parseLong(a.getOrDefault("seed", "" + d.seed())),
        Integer.parseInt(a.getOrDefault("repeats", "" + d.repeats())));
    String script = a.get("script");
    for (String line : report(o, a.getOrDefault("python", "python3"), script == null ? null : Path.of(script),
        a.get("python-threads"))) {
      System.out.println(line);
    }
  }

  /**
   * What {@code bench classical} prints: mtl4j's line and, when {@code script} is not null, scikit-learn's line on
   * the same problem and the time ratio (mtl4j / scikit-learn; the bar is ≤ 1.0).
   */
  public static List<String> report(Options o, String python, Path script, String pythonThreads)
      throws IOException, InterruptedException {
    List<String> lines = new ArrayList<>();
    Result r = run(o);
    lines.add(String.format(java.util.Locale.ROOT, "mtl4j n=%d d=%d t=%d alpha=%.6g tol=%s seconds=%.4f "
            + "iterations=%d objective=%.10g gap=%.6g selected_rows=%d", o.n(), o.d(), o.tasks(), r.alpha(),
        o.tolerance(), r.seconds(), r.iterations(), r.objective(), r.gap(), r.selected()));
    if (script != null) {
      Map<String, String> sk = runScikitLearn(python, script, o, pythonThreads);
      lines.add("sklearn " + String.join(" ", sk.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .toList()));
      lines.add(String.format(java.util.Locale.ROOT, "ratio mtl4j/sklearn = %.3f",
          r.seconds() / Double.parseDouble(sk.get("seconds"))));
    }
    return lines;
  }

  /**
   * Runs the scikit-learn twin ({@code python} on {@code script}) on the same problem and returns its key=value
   * line as a map (keys: seconds, iterations, objective, gap, …); {@code blasThreads} (nullable) pins OpenBLAS.
   */
  public static Map<String, String> runScikitLearn(String python, Path script, Options o, String blasThreads)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
    cmd.addAll(o.pythonArguments());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (blasThreads != null) {
      // OpenBLAS (Debian's scikit-learn links it) reads both; unset, it uses every core.
      pb.environment().put("OPENBLAS_NUM_THREADS", blasThreads);
      pb.environment().put("OMP_NUM_THREADS", blasThreads);
    }
    Process p = pb.start();
    String last = null;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) if (!line.isBlank()) last = line;
    }
    int code = p.waitFor();
    if (code != 0 || last == null) throw new IOException(script + " exited with " + code + ": " + last);
    Map<String, String> out = new LinkedHashMap<>();
    for (String kv : last.trim().split("\\s+")) {
      int eq = kv.indexOf('=');
      if (eq > 0) out.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return out;
  }
}
