package io.mtl4j.cli;

import io.mtl4j.tensor.Blas;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Prints the BLAS backend, threads and JVM: what a bug report needs. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show the compute backend and threads.")
final class InfoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.println("mtl4j " + new Main.Version().getVersion()[0].substring(6));
    System.out.println("BLAS backend:   " + Blas.backend());
    System.out.println("BLAS threads:   1 per worker (parallelism is data-parallel in Java)");
    System.out.println("worker threads: " + Runtime.getRuntime().availableProcessors()
        + " available (training uses training.threads: 1 by default, 0 = all)");
    System.out.println("JVM:            " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
        + " on " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    return 0;
  }
}
