package io.mtl4j.cli.serve;

/**
 * The service's limits, validated where built; flags of {@code mtl4j serve} with the same names.
 *
 * @param host            address to bind (127.0.0.1 unless the operator asks for more)
 * @param port            TCP port; 0 picks a free one
 * @param threads         worker threads answering requests
 * @param queue           requests waiting for a worker beyond which the service answers 503
 * @param maxBodyBytes    largest request body; larger ones get 413
 * @param maxRows         most rows in one request
 * @param timeoutSeconds  time a client has to send a request and read the answer before its connection is closed
 * @param graceSeconds    on shutdown, how long in-flight requests may still take
 * @param allowUnknown    categories unseen in training go to the unknown bucket instead of a 400
 */
public record ServeOptions(String host, int port, int threads, int queue, int maxBodyBytes, int maxRows,
                           int timeoutSeconds, int graceSeconds, boolean allowUnknown) {
  public static final String LOOPBACK = "127.0.0.1";

  public ServeOptions {
    if (host == null || host.isBlank()) throw new IllegalArgumentException("--host: empty; expected an address such as " + LOOPBACK);
    check("--port", port, 0, 65_535);
    check("--threads", threads, 1, 256);
    check("--queue", queue, 0, 100_000);
    check("--max-body-bytes", maxBodyBytes, 64, 1 << 30);
    check("--max-rows", maxRows, 1, 1_000_000);
    check("--timeout", timeoutSeconds, 1, 3_600);
    check("--grace", graceSeconds, 0, 3_600);
  }

  /** Loopback, port 8080, 2 workers, queue 256, 1 MiB bodies, 1 000 rows, 10 s timeout and grace, strict categories. */
  public static ServeOptions defaults() {
    return new ServeOptions(LOOPBACK, 8080, 2, 256, 1 << 20, 1_000, 10, 10, false);
  }

  public ServeOptions withPort(int p) {
    return new ServeOptions(host, p, threads, queue, maxBodyBytes, maxRows, timeoutSeconds, graceSeconds, allowUnknown);
  }

  public ServeOptions withThreads(int t) {
    return new ServeOptions(host, port, t, queue, maxBodyBytes, maxRows, timeoutSeconds, graceSeconds, allowUnknown);
  }

  private static void check(String flag, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(flag + " is " + value + "; expected " + min + " to " + max);
    }
  }
}
