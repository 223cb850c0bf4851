package io.mtl4j.cli;

import io.mtl4j.cli.bench.ClassicalBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Multi-task lasso (L2,1 on a shared X, n = 20 000, d = 500, T = 20) solved to scikit-learn's tolerance, next to
 * scikit-learn's MultiTaskLasso on the same problem in the same run (bench/python/multitask_lasso.py).
 */
@Command(name = "classical", mixinStandardHelpOptions = true,
    description = "Multi-task lasso to tolerance, with the scikit-learn twin and the time ratio.")
final class ClassicalBenchCommand implements Callable<Integer> {
  @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "interpreter with scikit-learn")
  String python;
  @Option(names = "--script", defaultValue = "bench/python/multitask_lasso.py") Path script;
  @Option(names = "--no-reference", description = "time mtl4j only") boolean noReference;

  @Override
  public Integer call() throws Exception {
    boolean reference = !noReference && Files.isRegularFile(script);
    if (!noReference && !reference) {
      System.err.println("bench classical: " + script + " not found; timing mtl4j only (run from the repository root)");
    }
    for (String line : ClassicalBench.report(ClassicalBench.Options.defaults(), python, reference ? script : null, "1")) {
      System.out.println(line);
    }
    return 0;
  }
}
