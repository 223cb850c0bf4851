package io.mtl4j.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service under concurrent load, bounded in requests and time, against 127.0.0.1; no timing is asserted. */
class ServeLoadTest {
  private static final int RELOADS = 20;

  @TempDir Path dir;

  @Test
  void hotReloadsUnderConcurrentLoadDropNoRequest() throws Exception {
    Path a = ServeFixture.train(dir, 1), b = ServeFixture.train(dir, 2), served = dir.resolve("served.mtl4j");
    Files.copy(a, served);
    ServeOptions options = ServeOptions.defaults().withPort(0);
    try (PredictionServer s = PredictionServer.start(new ModelSlot(() -> TrainedRowModel.load(served, null, false)),
        options, m -> { })) {
      LoadGenerator load = new LoadGenerator(s.address(),
          LoadGenerator.post("/predict", "{\"rows\": [" + ServeFixture.ROW + "]}"), 4);
      LoadGenerator.Result[] result = new LoadGenerator.Result[1];
      Thread run = new Thread(() -> {
        try {
          result[0] = load.run(2_000_000, 120_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      run.start();
      load.awaitFirstAnswer();
      HttpClient client = ServeFixture.client();
      HttpRequest reload = ServeFixture.request(s, "/admin/reload").POST(HttpRequest.BodyPublishers.noBody()).build();
      for (int i = 1; i <= RELOADS; i++) {
        // Swap the file atomically, as a deployment would, so every reload reads a whole model.
        Path next = dir.resolve("next.mtl4j");
        Files.copy(i % 2 == 1 ? b : a, next, StandardCopyOption.REPLACE_EXISTING);
        Files.move(next, served, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        HttpResponse<String> r = ServeFixture.send(client, reload);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }
      load.stop();
      run.join();
      assertThat(result[0].errors()).as("first error: " + result[0].firstError()).isZero();
      assertThat(result[0].requests()).isPositive();
      assertThat(s.reload().current().generation()).isEqualTo(RELOADS + 1);
    }
  }
}
