package io.mtl4j.cli.serve;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mtl4j bench serve}: starts the service on 127.0.0.1 in this JVM and loads it with {@link LoadGenerator},
 * bounded in requests and time, optionally reloading the model over POST /admin/reload meanwhile; prints one JSON
 * line with the throughput, latency quantiles, errors and the machine's load average.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Load the prediction service on 127.0.0.1 (requests/s, p50/p99, errors), optionally under reloads.")
public final class ServeBench implements Callable<Integer> {
  @Option(names = {"-m", "--model"}, required = true, description = "model file written by 'mtl4j train'") Path model;
  @Option(names = "--requests", defaultValue = "100000", description = "requests in all (default: ${DEFAULT-VALUE})") long requests;
  @Option(names = "--seconds", defaultValue = "60", description = "time limit (default: ${DEFAULT-VALUE})") long seconds;
  @Option(names = "--connections", defaultValue = "4", description = "concurrent keep-alive clients (default: ${DEFAULT-VALUE})")
  int connections;
  @Option(names = "--threads", defaultValue = "2", description = "server worker threads (default: ${DEFAULT-VALUE})") int threads;
  @Option(names = "--rows", defaultValue = "1", description = "rows per request (default: ${DEFAULT-VALUE})") int rows;
  @Option(names = "--row", description = "one row as JSON (default: numeric inputs 0, the others missing)") String row;
  @Option(names = "--reload-every-ms", defaultValue = "0", description = "reload the model this often during the run (0: never)")
  long reloadEveryMs;

  @Override
  public Integer call() throws IOException, InterruptedException {
    ModelSlot slot = new ModelSlot(() -> TrainedRowModel.load(model, io.mtl4j.cli.run.ModelStore.key(), false));
    ServeOptions options = ServeOptions.defaults().withPort(0).withThreads(threads);
    AtomicInteger reloads = new AtomicInteger(), failedReloads = new AtomicInteger();
    LoadGenerator.Result result;
    long cpuNanos;
    try (PredictionServer server = PredictionServer.start(slot, options, m -> { })) {
      String body = body(slot.current().model());
      LoadGenerator load = new LoadGenerator(server.address(), LoadGenerator.post("/predict", body), connections);
      Thread reloader = reloader(server, load, reloads, failedReloads);
      long cpu0 = cpuNanos();
      result = load.run(requests, seconds * 1000);
      cpuNanos = cpuNanos() - cpu0;
      load.stop();
      reloader.interrupt();
      reloader.join();
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("workload", "serve");
    line.put("engine", "jdk-httpserver");
    line.put("threads", threads);
    line.put("connections", connections);
    line.put("rows", rows);
    line.put("requests", result.requests());
    line.put("errors", result.errors());
    line.put("requests_per_s", Math.round(result.perSecond()));
    line.put("p50_us", result.quantileMicros(0.50));
    line.put("p99_us", result.quantileMicros(0.99));
    // Server and clients share this JVM: its CPU time per request bounds what 2 free cores would sustain.
    line.put("cpu_us_per_request", Math.round(cpuNanos / 1e3 / Math.max(1, result.requests())));
    line.put("reloads", reloads.get());
    line.put("failed_reloads", failedReloads.get());
    line.put("loadavg", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    if (result.firstError() != null) line.put("first_error", result.firstError());
    System.out.print(new String(JsonBody.of(line), java.nio.charset.StandardCharsets.UTF_8));
    return result.errors() == 0 && failedReloads.get() == 0 ? 0 : 1;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private String body(RowModel m) {
    String one = row;
    if (one == null) {
      StringJoiner j = new StringJoiner(",", "{", "}");
      for (RowModel.Input i : m.inputs()) j.add("\"" + i.name().replace("\"", "\\\"") + "\":" + (i.numeric() ? "0" : "null"));
      one = j.toString();
    }
    StringJoiner all = new StringJoiner(",", "{\"rows\":[", "]}");
    for (int r = 0; r < rows; r++) all.add(one);
    return all.toString();
  }

  /** A thread that POSTs /admin/reload every {@link #reloadEveryMs} until interrupted (none when 0). */
  private Thread reloader(PredictionServer server, LoadGenerator load, AtomicInteger ok, AtomicInteger failed) {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + "/admin/reload");
    Thread t = new Thread(() -> {
      try {
        load.awaitFirstAnswer();
        while (reloadEveryMs > 0) {
          Thread.sleep(reloadEveryMs);
          HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
              HttpResponse.BodyHandlers.ofString());
          (r.statusCode() == 200 ? ok : failed).incrementAndGet();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        failed.incrementAndGet();
      }
    }, "mtl4j-bench-reloader");
    t.start();
    return t;
  }
}
