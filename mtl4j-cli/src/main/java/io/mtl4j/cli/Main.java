package io.mtl4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code mtl4j} command. Exit codes: 0 ok, 1 failed run, 2 bad usage or input. */
@Command(name = "mtl4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Multi-task learning on the JVM.",
    subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, CompareCommand.class,
        DatasetsCommand.class, FinetuneCommand.class, AddTaskCommand.class, RemoveTaskCommand.class, DemoCommand.class,
        ExportCommand.class, ServeCommand.class, RelateCommand.class, StudyCommand.class, BenchCommand.class,
        SparkDemoCommand.class,
        InfoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (tests call this instead of {@link #main}). */
  public static int run(String... args) {
    return run(null, args);
  }

  /** As {@link #run(String...)}, with error messages going to {@code err} (null: standard error). */
  public static int run(java.io.PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    if (err != null) cli.setErr(err);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (io.mtl4j.cli.run.Outputs.outOfMemory(e)) return outOfMemory(cmd.getErr(), cmd.getCommandName());
      boolean badInput = e instanceof IllegalArgumentException;
      cmd.getErr().println("mtl4j " + cmd.getCommandName() + ": " + e.getMessage());
      return badInput ? 2 : 1;
    });
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError e) { // picocli hands only Exceptions to the handler; an Error reaches us raw
      CommandLine.ParseResult parsed = cli.getParseResult();
      return outOfMemory(cli.getErr(), parsed == null || parsed.subcommand() == null ? null
          : parsed.subcommand().commandSpec().name());
    }
  }

  /**
   * One line instead of a stack trace, exit 1 (a failed run, not bad input). Outputs are written whole or not at
   * all, so nothing half-written remains; the failed allocation itself left the heap free to print this.
   */
  private static int outOfMemory(java.io.PrintWriter err, String command) {
    err.println("mtl4j" + (command == null ? "" : " " + command) + ": out of memory (the Java heap holds at most "
        + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB); give Java more (MTL4J_JAVA_OPTS=-Xmx8g) or use a "
        + "smaller training.batchSize or model");
    err.flush();
    return 1;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** Version from the jar manifest, or "dev" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"mtl4j " + (v == null ? "dev" : v)};
    }
  }
}
