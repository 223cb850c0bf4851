package io.mtl4j.cli;

import io.mtl4j.cli.serve.ModelSlot;
import io.mtl4j.cli.serve.PredictionServer;
import io.mtl4j.cli.serve.ServeOptions;
import io.mtl4j.cli.serve.TrainedRowModel;
import io.mtl4j.io.ModelKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Serves a model over HTTP until SIGTERM or Ctrl-C, then drains: a shutdown hook lets accepted requests finish
 * (bounded by {@code --grace}). SIGHUP or POST /admin/reload reloads the model file. See docs/serve.md.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve a model's predictions over HTTP JSON (POST /predict, GET /health, GET /model).")
final class ServeCommand implements Callable<Integer> {
  private static final ServeOptions DEFAULTS = ServeOptions.defaults();

  @Option(names = {"-m", "--model"}, required = true, description = "model file written by 'mtl4j train'") Path modelFile;
  @Option(names = "--host", description = "address to bind (default: ${DEFAULT-VALUE}, this machine only)")
  String host = DEFAULTS.host();
  @Option(names = {"-p", "--port"}, description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE})") int port = DEFAULTS.port();
  @Option(names = "--threads", description = "worker threads (default: ${DEFAULT-VALUE})") int threads = DEFAULTS.threads();
  @Option(names = "--queue", description = "requests waiting for a worker before 503 (default: ${DEFAULT-VALUE})")
  int queue = DEFAULTS.queue();
  @Option(names = "--max-body-bytes", description = "largest request body (default: ${DEFAULT-VALUE})")
  int maxBodyBytes = DEFAULTS.maxBodyBytes();
  @Option(names = "--max-rows", description = "most rows per request (default: ${DEFAULT-VALUE})") int maxRows = DEFAULTS.maxRows();
  @Option(names = "--timeout", paramLabel = "SECONDS", description = "time to send a request and read its answer (default: ${DEFAULT-VALUE})")
  int timeout = DEFAULTS.timeoutSeconds();
  @Option(names = "--grace", paramLabel = "SECONDS", description = "on shutdown, time in-flight requests may still take (default: ${DEFAULT-VALUE})")
  int grace = DEFAULTS.graceSeconds();
  @Option(names = "--allow-unknown", description = "map categories unseen in training to the unknown bucket instead of a 400")
  boolean allowUnknown;

  @Mixin ModelKeyOption modelKey = new ModelKeyOption();

  @Override
  public Integer call() throws InterruptedException {
    ServeOptions options = new ServeOptions(host, port, threads, queue, maxBodyBytes, maxRows, timeout, grace, allowUnknown);
    ModelKey key = modelKey.key();
    ModelSlot slot = new ModelSlot(() -> TrainedRowModel.load(modelFile, key, allowUnknown));
    PredictionServer server;
    try {
      server = PredictionServer.start(slot, options, ServeCommand::log);
    } catch (IOException e) {
      throw new IllegalArgumentException("--host " + host + " --port " + port + ": cannot listen there: " + e.getMessage(), e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mtl4j-serve-shutdown"));
    onHangup(server::reload);
    var at = server.address();
    System.out.println("mtl4j serve: " + modelFile.getFileName() + " on http://" + at.getHostString() + ":" + at.getPort()
        + " (POST /predict, GET /health, GET /model, POST /admin/reload; SIGTERM stops, SIGHUP reloads)");
    System.out.flush();
    server.awaitStopped();
    return 0;
  }

  private static void log(String message) {
    System.out.println("mtl4j serve: " + message);
    System.out.flush();
  }

  /** SIGHUP → reload, where the JVM lets us handle it (sun.misc.Signal; absent on some platforms). */
  private static void onHangup(Runnable action) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> action.run());
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      log("SIGHUP is not available here (" + e.getMessage() + "); reload with POST /admin/reload");
    }
  }
}
