package io.mtl4j.cli.serve;

import io.mtl4j.cli.CliFixture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/** A model trained by {@code mtl4j train} on {@link CliFixture}'s data (inputs x1, x2, colour), and an HTTP client. */
final class ServeFixture {
  static final String ROW = "{\"x1\": 1.0, \"x2\": 1.0, \"colour\": \"red\"}";

  private ServeFixture() {}

  /** Trains with {@code seed} in {@code dir}/seed-N and returns the model file. */
  static Path train(Path dir, long seed) throws IOException {
    Path d = Files.createDirectories(dir.resolve("seed-" + seed));
    Path config = CliFixture.write(d, CliFixture.csv(400, 3), CliFixture.CONFIG.replace("seed: 1,", "seed: " + seed + ","));
    Path out = d.resolve("out");
    CliFixture.Result r = CliFixture.run("train", "--config", config.toString(), "--data-dir", d.toString(),
        "--out", out.toString());
    if (r.code() != 0) throw new IllegalStateException("training the fixture model failed: " + r.err());
    return out.resolve("model.mtl4j");
  }

  static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  static HttpResponse<String> send(HttpClient c, HttpRequest r) throws IOException, InterruptedException {
    return c.send(r, HttpResponse.BodyHandlers.ofString());
  }

  static HttpRequest.Builder request(PredictionServer s, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.address().getPort() + path));
  }

  static HttpRequest predict(PredictionServer s, String json) {
    return request(s, "/predict").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
  }
}
