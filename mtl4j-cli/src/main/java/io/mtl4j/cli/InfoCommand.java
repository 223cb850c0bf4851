package io.mtl4j.cli;

import io.mtl4j.arch.Architectures;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.cli.report.BranchingSection;
import io.mtl4j.cli.run.ModelStore;
import io.mtl4j.task.Task;
import io.mtl4j.tensor.Blas;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the BLAS backend, threads and JVM: what a bug report needs; with {@code --model}, what a model file holds. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show the compute backend and threads, or "
    + "(--model) a model file's architecture, tasks and, for ltb, its learnt tree.")
final class InfoCommand implements Callable<Integer> {
  @Option(names = "--model", paramLabel = "FILE", description = "a model file written by 'mtl4j train'") Path model;

  @Override
  public Integer call() {
    if (model != null) return describe(ModelStore.load(model).model());
    System.out.println("mtl4j " + new Main.Version().getVersion()[0].substring(6));
    System.out.println("BLAS backend:   " + Blas.backend());
    System.out.println("BLAS threads:   1 per worker (parallelism is data-parallel in Java)");
    System.out.println("worker threads: " + Runtime.getRuntime().availableProcessors()
        + " available (training uses training.threads: 1 by default, 0 = all)");
    System.out.println("JVM:            " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
        + " on " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    return 0;
  }

  private static int describe(MultiTaskModel m) {
    System.out.println("architecture:   " + m.spec().architecture().name() + " "
        + Architectures.toMap(m.spec().architecture()));
    System.out.println("tasks:          " + m.tasks().stream().map(Task::name).toList());
    System.out.println("inputs:         " + m.spec().inputs() + "; parameters: " + m.parameters().size());
    BranchingSection.text(m).ifPresent(System.out::println);
    return 0;
  }
}
