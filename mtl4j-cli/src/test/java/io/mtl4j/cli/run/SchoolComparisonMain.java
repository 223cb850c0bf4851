package io.mtl4j.cli.run;

import io.mtl4j.classical.ComparedModel;
import io.mtl4j.classical.ComparisonRow;
import io.mtl4j.classical.TrainTestSplit;
import io.mtl4j.classical.Tuner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes School's comparison.csv outside Maven's test run (a command, not a test):
 * {@code java -cp <test-classpath> io.mtl4j.cli.run.SchoolComparisonMain malsar|tuned DATA_DIR OUT.csv [threads]}.
 * The model lists are what {@code examples/school-malsar.yaml} and {@code examples/school-classical.yaml} hold.
 */
public final class SchoolComparisonMain {
  private SchoolComparisonMain() {}

  /** School at MALSAR's published parameters: solved to convergence and in MALSAR-compatible mode. */
  public static List<ComparedModel> malsarModels() {
    List<ComparedModel> m = new ArrayList<>();
    m.add(new ComparedModel("trace", "trace", Map.of("lambda", 100)));
    m.add(new ComparedModel("lasso", "lasso", Map.of("lambda", 100)));
    m.add(new ComparedModel("rmtfl", "rmtfl", Map.of("rho1", 90, "rho2", 280)));
    m.add(new ComparedModel("dirty", "dirty", Map.of("rho1", 350, "rho2", 10)));
    m.add(new ComparedModel("trace-malsar", "trace", malsar(Map.of("lambda", 100), 1e-5, 1500)));
    m.add(new ComparedModel("lasso-malsar", "lasso", malsar(Map.of("lambda", 100), 1e-5, 1500)));
    m.add(new ComparedModel("rmtfl-malsar", "rmtfl", malsar(Map.of("rho1", 90, "rho2", 280), 1e-6, 500)));
    m.add(new ComparedModel("dirty-malsar", "dirty", malsar(Map.of("rho1", 350, "rho2", 10), 1e-4, 500)));
    return m;
  }

  private static Map<String, Object> malsar(Map<String, Object> base, double tol, int maxIter) {
    Map<String, Object> m = new LinkedHashMap<>(base);
    m.put("mode", "malsar");
    m.put("tol", tol);
    m.put("max-iter", maxIter);
    return m;
  }

  /**
   * Validation-tuned formulations and the two single-task baselines: each grid is searched on 20% of every school's
   * training rows (seeded), the winner refitted on all training rows. Iterative fits stop at a relative KKT
   * residual of 1e-5 (School's RMSE moves by < 1e-3 below that).
   */
  public static List<ComparedModel> tunedModels() {
    List<Object> grid = List.of(1, 3, 10, 30, 100, 300, 1000, 3000);
    List<ComparedModel> m = new ArrayList<>();
    m.add(new ComparedModel("pooled", "pooled", Map.of()));
    m.add(new ComparedModel("ridge", "ridge", Map.of("lambda", grid)));
    m.add(new ComparedModel("mean-regularized", "mean-regularized", Map.of("lambda1", grid, "lambda2", List.of(0, 10, 100))));
    m.add(new ComparedModel("trace", "trace", Map.of("lambda", List.of(30, 100, 200, 300, 500), "tol", 1e-5)));
    m.add(new ComparedModel("l21", "l21", Map.of("lambda", grid, "tol", 1e-5)));
    m.add(new ComparedModel("lasso", "lasso", Map.of("lambda", grid, "tol", 1e-5)));
    return m;
  }

  public static void main(String[] args) {
    if (args.length < 3) {
      System.err.println("usage: SchoolComparisonMain malsar|tuned DATA_DIR OUT.csv [threads]");
      System.exit(2);
    }
    List<ComparedModel> models = switch (args[0]) {
      case "malsar" -> malsarModels();
      case "tuned" -> tunedModels();
      case "mean" -> tunedModels().stream().filter(m -> m.name().startsWith("mean")).toList();
      default -> throw new IllegalArgumentException("set '" + args[0] + "': expected malsar or tuned");
    };
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    long start = System.nanoTime();
    List<TrainTestSplit> splits = TrainTestSplit.school(Path.of(args[1]));
    ClassicalComparison.Options options = new ClassicalComparison.Options(threads, false,
        Tuner.Options.defaults());
    List<ComparisonRow> rows = ClassicalComparison.run(models, splits, options);
    ClassicalComparison.writeCsv(rows, Path.of(args[2]));
    System.out.printf("%d rows, %d models × %d splits in %.1f s -> %s%n", rows.size(), models.size(), splits.size(),
        (System.nanoTime() - start) / 1e9, args[2]);
  }
}
