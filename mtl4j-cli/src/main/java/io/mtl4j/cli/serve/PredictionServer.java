package io.mtl4j.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The HTTP JSON service over a {@link ModelSlot}: POST /predict, GET /health, GET /model and POST /admin/reload
 * (loopback clients only). Every refusal is a JSON {"error": …} naming what was wrong; see docs/serve.md.
 */
public final class PredictionServer implements AutoCloseable {
  private static final String JSON = "application/json; charset=utf-8";
  private static final String ENDPOINTS = "POST /predict, GET /health, GET /model, POST /admin/reload";

  private final ModelSlot slot;
  private final ServeOptions options;
  private final Consumer<String> log;
  private final BoundedExecutor executor;
  private final HttpServer http;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean draining;
  private volatile Reader reader;

  /** The request reader of one model generation, built once per reload rather than per request. */
  private record Reader(int generation, PredictRequest request) {}

  private PredictionServer(ModelSlot slot, ServeOptions options, Consumer<String> log) throws IOException {
    this.slot = slot;
    this.options = options;
    this.log = log;
    this.executor = new BoundedExecutor(options.threads(), options.queue());
    this.http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 0);
    http.setExecutor(executor);
    http.createContext("/", this::handle);
  }

  /** Binds {@code options.host():options.port()} and starts answering; {@code log} receives reloads and shutdown. */
  public static PredictionServer start(ModelSlot slot, ServeOptions options, Consumer<String> log) throws IOException {
    jdkSettings(options);
    PredictionServer s = new PredictionServer(slot, options, log);
    s.http.start();
    return s;
  }

  /**
   * The JDK server reads these once per JVM, from system properties, when its first instance starts; an operator's
   * own -D settings win. Without nodelay, Nagle's algorithm holds back the small answers of keep-alive clients.
   */
  private static void jdkSettings(ServeOptions options) {
    String seconds = Integer.toString(options.timeoutSeconds());
    Map<String, String> settings = Map.of("sun.net.httpserver.maxReqTime", seconds, "sun.net.httpserver.maxRspTime",
        seconds, "sun.net.httpserver.nodelay", "true");
    settings.forEach((k, v) -> {
      if (System.getProperty(k) == null) System.setProperty(k, v);
    });
  }

  /** The bound address (the actual port when {@code port} was 0). */
  public InetSocketAddress address() {
    return http.getAddress();
  }

  /** Reloads the model (as POST /admin/reload and SIGHUP do) and logs the outcome. */
  public ModelSlot.Reload reload() {
    ModelSlot.Reload r = slot.reload();
    log.accept(r.ok() ? "reloaded the model (generation " + r.current().generation() + ")"
        : "reload failed, still serving generation " + r.current().generation() + ": " + r.error());
    return r;
  }

  /**
   * Graceful stop: new requests get 503, requests already accepted finish within the grace period, then the port
   * closes. Idempotent.
   */
  @Override
  public void close() {
    if (stopped.getCount() == 0) return;
    synchronized (this) {
      if (stopped.getCount() == 0) return;
      draining = true;
      log.accept("draining: " + executor.pending() + " request(s) in flight, new ones get 503; waiting up to "
          + options.graceSeconds() + " s");
      boolean drained;
      try {
        drained = executor.awaitIdle(options.graceSeconds() * 1000L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        drained = false;
      }
      int left = executor.pending();
      http.stop(0);
      executor.shutdown();
      log.accept(drained ? "stopped; every accepted request was answered"
          : "stopped after the " + options.graceSeconds() + " s grace period with " + left + " request(s) unanswered");
      stopped.countDown();
    }
  }

  /** Blocks until {@link #close} has finished. */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  private void handle(HttpExchange ex) {
    try {
      if (executor.overloaded()) throw new RequestException(503, "overloaded: all " + options.threads() + " workers busy and "
          + options.queue() + " requests queued; retry later");
      if (draining) throw new RequestException(503, "shutting down; retry on another instance");
      String path = ex.getRequestURI().getPath();
      switch (path) {
        case "/predict" -> send(ex, 200, predict(ex));
        case "/health" -> send(ex, 200, JsonBody.of(health(ex)));
        case "/model" -> send(ex, 200, JsonBody.of(model(ex)));
        case "/admin/reload" -> adminReload(ex);
        default -> throw new RequestException(404, "no endpoint " + path + "; endpoints: " + ENDPOINTS);
      }
    } catch (RequestException e) {
      // The body may be unread: closing the connection spares reading it.
      if (e.status() == 413 || e.status() == 503) ex.getResponseHeaders().set("Connection", "close");
      send(ex, e.status(), JsonBody.error(e.getMessage()));
    } catch (RuntimeException e) {
      log.accept("internal error on " + ex.getRequestURI().getPath() + ": " + e);
      send(ex, 500, JsonBody.error("internal error: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage())));
    } finally {
      ex.close();
    }
  }

  private byte[] predict(HttpExchange ex) {
    method(ex, "POST");
    contentType(ex);
    byte[] body = body(ex);
    ModelSlot.Current current = slot.current();
    Reader r = reader;
    if (r == null || r.generation() != current.generation()) {
      r = new Reader(current.generation(), new PredictRequest(current.model().inputs(), options.maxRows()));
      reader = r;
    }
    String[][] cells = r.request().cells(body);
    return JsonBody.of(Map.of("predictions", current.model().predict(cells)));
  }

  private Map<String, Object> health(HttpExchange ex) {
    method(ex, "GET");
    ModelSlot.Current c = slot.current();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", "ok");
    m.put("generation", c.generation());
    m.put("loadedAt", c.loadedAt().toString());
    m.put("pending", executor.pending());
    return m;
  }

  private Map<String, Object> model(HttpExchange ex) {
    method(ex, "GET");
    ModelSlot.Current c = slot.current();
    Map<String, Object> m = new LinkedHashMap<>(c.model().describe());
    m.put("generation", c.generation());
    m.put("loadedAt", c.loadedAt().toString());
    m.put("limits", Map.of("maxRows", options.maxRows(), "maxBodyBytes", options.maxBodyBytes()));
    return m;
  }

  private void adminReload(HttpExchange ex) {
    method(ex, "POST");
    if (!ex.getRemoteAddress().getAddress().isLoopbackAddress()) {
      throw new RequestException(403, "/admin/reload answers loopback clients only");
    }
    ModelSlot.Reload r = reload();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reloaded", r.ok());
    m.put("generation", r.current().generation());
    m.put("loadedAt", r.current().loadedAt().toString());
    if (!r.ok()) m.put("error", "reload failed, still serving generation " + r.current().generation() + ": " + r.error());
    send(ex, r.ok() ? 200 : 500, JsonBody.of(m));
  }

  private static void method(HttpExchange ex, String expected) {
    if (!ex.getRequestMethod().equals(expected)) {
      ex.getResponseHeaders().set("Allow", expected);
      throw new RequestException(405, "method " + ex.getRequestMethod() + " is not allowed on "
          + ex.getRequestURI().getPath() + "; use " + expected);
    }
  }

  private static void contentType(HttpExchange ex) {
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    List<String> parts = type == null ? List.of("") : List.of(type.split(";"));
    boolean json = parts.get(0).trim().equalsIgnoreCase("application/json");
    for (String p : parts.subList(1, parts.size())) {
      String param = p.trim().toLowerCase(Locale.ROOT).replace("\"", "");
      if (param.startsWith("charset=") && !param.equals("charset=utf-8")) json = false;
    }
    if (!json) {
      throw new RequestException(415, "Content-Type is " + (type == null ? "missing" : "'" + type + "'")
          + "; expected application/json (UTF-8)");
    }
  }

  private byte[] body(HttpExchange ex) {
    int max = options.maxBodyBytes();
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    long declared = length != null && length.trim().matches("\\d{1,18}") ? Long.parseLong(length.trim()) : -1;
    if (declared > max) throw tooLarge(max);
    try {
      // A declared length is read exactly; a chunked body up to one byte past the limit, to tell it is too large.
      byte[] body = ex.getRequestBody().readNBytes(declared >= 0 ? (int) declared : max + 1);
      if (body.length > max) throw tooLarge(max);
      return body;
    } catch (IOException e) {
      throw RequestException.badRequest("could not read the body: " + e.getMessage());
    }
  }

  private static RequestException tooLarge(int max) {
    return new RequestException(413, "body larger than " + max + " bytes; split the rows over several requests "
        + "(mtl4j serve --max-body-bytes)");
  }

  private static void send(HttpExchange ex, int status, byte[] body) {
    try {
      ex.getResponseHeaders().set("Content-Type", JSON);
      ex.sendResponseHeaders(status, body.length);
      ex.getResponseBody().write(body);
    } catch (IOException e) {
      // The client went away (or timed out); there is no one left to tell, and the exchange is closed next.
    }
  }
}
