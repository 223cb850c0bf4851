package io.mtl4j.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.cli.CliFixture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mtl4j serve} as a process: signals, drain on SIGTERM, reload on SIGHUP, bad flags. The timeout is a guard: a
 * child that never prints the awaited line (started with SIGHUP ignored, as under nohup) blocks a read forever.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServeCommandTest {
  private static final Pattern LISTENING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+) ");

  @TempDir static Path dir;
  static Path model;
  private Process child;

  @BeforeAll
  static void train() throws IOException {
    model = ServeFixture.train(dir, 1);
  }

  @AfterEach
  void killLeftover() {
    if (child != null) child.destroyForcibly();
  }

  /** Starts {@code mtl4j serve} in a child JVM; returns its port, read from its first line. */
  private int start(BufferedReader[] out, String... flags) throws IOException {
    List<String> args = new java.util.ArrayList<>(List.of("serve", "--model", model.toString(), "--port", "0"));
    args.addAll(List.of(flags));
    child = CliFixture.start(dir.resolve("serve.err"), List.of(), args.toArray(String[]::new));
    out[0] = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String first = out[0].readLine();
    Matcher m = LISTENING.matcher(String.valueOf(first));
    assertThat(m.find()).as("first line: " + first + "; stderr: " + Files.readString(dir.resolve("serve.err"))).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private static String readUntil(BufferedReader out, String fragment) throws IOException {
    for (String line = out.readLine(); line != null; line = out.readLine()) if (line.contains(fragment)) return line;
    throw new IllegalStateException("the server's output ended before a line with '" + fragment + "'");
  }

  private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return ServeFixture.client().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void sigtermLetsTheRequestInFlightFinishAndRefusesNewOnes() throws Exception {
    BufferedReader[] out = {null};
    int port = start(out, "--grace", "60");
    byte[] request = LoadGenerator.post("/predict", "{\"rows\": [" + ServeFixture.ROW + "]}");
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(120_000);
      OutputStream o = s.getOutputStream();
      int half = request.length - 10;
      o.write(request, 0, half);
      o.flush();
      // The handler is reading our body once the server counts it besides this health check.
      while (!get(port, "/health").body().contains("\"pending\":2")) Thread.onSpinWait();

      signal("TERM"); // not Process.destroy(), which also closes our end of the child's output
      assertThat(readUntil(out[0], "draining")).contains("draining: 1 request(s) in flight");
      HttpResponse<String> refused = get(port, "/health");
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.body()).contains("shutting down");

      o.write(request, half, request.length - half);
      o.flush();
      String answer = new String(readAll(s.getInputStream()), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 200").contains("\"predictions\":[{\"first\":{\"prediction\":");
    }
    assertThat(readUntil(out[0], "stopped")).contains("every accepted request was answered");
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(143); // 128 + SIGTERM: the JVM ran its hooks and exited on the signal
  }

  @Test
  void sighupReloadsTheModel() throws Exception {
    BufferedReader[] out = {null};
    int port = start(out);
    signal("HUP");
    assertThat(readUntil(out[0], "reload")).contains("reloaded the model (generation 1)");
    assertThat(get(port, "/health").body()).contains("\"generation\":1");
  }

  @Test
  void refusesBadFlagsAndModelFilesWithExitCode2() {
    CliFixture.Result missing = CliFixture.run("serve", "--model", dir.resolve("nope.mtl4j").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("model file", "nope.mtl4j", "does not exist");
    CliFixture.Result port = CliFixture.run("serve", "--model", model.toString(), "--port", "70000");
    assertThat(port.code()).isEqualTo(2);
    assertThat(port.err()).contains("--port is 70000; expected 0 to 65535");
    CliFixture.Result rows = CliFixture.run("serve", "--model", model.toString(), "--max-rows", "0");
    assertThat(rows.code()).isEqualTo(2);
    assertThat(rows.err()).contains("--max-rows is 0; expected 1 to 1000000");
  }

  @Test
  void closesTheConnectionOfAClientThatStallsMidRequest() throws Exception {
    BufferedReader[] out = {null};
    int port = start(out, "--timeout", "1");
    byte[] request = LoadGenerator.post("/predict", "{\"rows\": [" + ServeFixture.ROW + "]}");
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(120_000); // a guard only: the server closes the connection long before
      s.getOutputStream().write(request, 0, request.length - 10);
      s.getOutputStream().flush();
      assertThat(s.getInputStream().read()).as("bytes after a stalled request").isEqualTo(-1);
    }
    assertThat(get(port, "/health").statusCode()).isEqualTo(200);
  }

  @Test
  void benchServeLoadsTheServiceWhileReloadingAndCountsNoError() {
    CliFixture.Result r = CliFixture.run("bench", "serve", "--model", model.toString(), "--requests", "2000",
        "--connections", "2", "--reload-every-ms", "5");
    assertThat(r.code()).as(r.err()).isZero();
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(child.pid())).start();
    assertThat(kill.waitFor()).as("kill -" + name).isZero();
  }

  private static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }
}
