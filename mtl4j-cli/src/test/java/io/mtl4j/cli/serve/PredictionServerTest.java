package io.mtl4j.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.cli.CliFixture;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class PredictionServerTest {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  // Small limits, so the oversized cases stay small.
  private static final ServeOptions OPTIONS = new ServeOptions("127.0.0.1", 0, 2, 8, 4096, 5, 10, 10, false);

  @TempDir static Path dir;
  static Path modelA;
  static Path modelB;
  private final HttpClient client = ServeFixture.client();

  @BeforeAll
  static void train() throws IOException {
    modelA = ServeFixture.train(dir, 1);
    modelB = ServeFixture.train(dir, 2);
  }

  private static PredictionServer serve(Path model) throws IOException {
    return PredictionServer.start(new ModelSlot(() -> TrainedRowModel.load(model, null, false)), OPTIONS, m -> { });
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Map<String, Object>>> predictions(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return (List<Map<String, Map<String, Object>>>) MAPPER.readValue(r.body(), Map.class).get("predictions");
  }

  @Test
  void answersEveryTaskPerRowWithTheValuesPredictWrites() throws Exception {
    Files.writeString(dir.resolve("rows.csv"), "x1,x2,colour\n1.0,1.0,red\n-2.0,-1.0,blue\n0.5,NA,\n");
    Path csv = dir.resolve("rows-predicted.csv");
    CliFixture.Result predict = CliFixture.run("predict", "--model", modelA.toString(), "--input",
        dir.resolve("rows.csv").toString(), "--output", csv.toString(), "--force");
    assertThat(predict.code()).as(predict.err()).isZero();
    List<String> lines = Files.readAllLines(csv);
    try (PredictionServer s = serve(modelA)) {
      var rows = predictions(ServeFixture.send(client, ServeFixture.predict(s, "{\"rows\": [{\"x1\": 1.0, \"x2\": 1.0, "
          + "\"colour\": \"red\"}, {\"x1\": -2, \"x2\": \"-1.0\", \"colour\": \"blue\"}, {\"x1\": 0.5, \"x2\": null}]}")));
      assertThat(rows).hasSize(3);
      for (int r = 0; r < 3; r++) {
        String[] cells = lines.get(r + 1).split(",");
        Map<String, Map<String, Object>> row = rows.get(r);
        assertThat(row.keySet()).containsExactly("first", "second");
        assertThat(row.get("first").keySet()).containsExactly("prediction", "probability");
        assertThat(String.valueOf(row.get("first").get("prediction"))).isEqualTo(cells[1]);
        assertThat(String.format(java.util.Locale.ROOT, "%.6g", ((Number) row.get("first").get("probability")).floatValue()))
            .isEqualTo(cells[2]);
        assertThat(String.valueOf(row.get("second").get("prediction"))).isEqualTo(cells[3]);
        assertThat(String.format(java.util.Locale.ROOT, "%.6g", ((Number) row.get("second").get("probability")).floatValue()))
            .isEqualTo(cells[4]);
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void healthAndModelDescribeTheServedModel() throws Exception {
    try (PredictionServer s = serve(modelA)) {
      Map<String, Object> health = MAPPER.readValue(ServeFixture.send(client, ServeFixture.request(s, "/health").build()).body(), Map.class);
      assertThat(health).containsEntry("status", "ok").containsEntry("generation", 0);
      HttpResponse<String> r = ServeFixture.send(client, ServeFixture.request(s, "/model").build());
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
      Map<String, Object> model = MAPPER.readValue(r.body(), Map.class);
      assertThat(model).containsEntry("model", "mmoe").containsEntry("file", "model.mtl4j");
      assertThat((List<Map<String, Object>>) model.get("tasks")).extracting(t -> t.get("name")).containsExactly("first", "second");
      assertThat((List<Map<String, Object>>) model.get("inputs")).containsExactly(Map.of("name", "x1", "kind", "numeric"),
          Map.of("name", "x2", "kind", "numeric"), Map.of("name", "colour", "kind", "text"));
      assertThat((Map<String, Object>) model.get("provenance")).containsEntry("seed", 1);
    }
  }

  /** One kind of bad request: how to build it, the status it must get and a fragment of its message. */
  private record Bad(String kind, Function<PredictionServer, HttpRequest> request, int status, String message) {
    @Override
    public String toString() {
      return kind;
    }
  }

  private static Bad json(String kind, String body, String message) {
    return new Bad(kind, s -> ServeFixture.predict(s, body), 400, message);
  }

  private static Bad raw(String kind, String type, byte[] body, int status, String message) {
    return new Bad(kind, s -> ServeFixture.request(s, "/predict").header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), status, message);
  }

  static List<Bad> badRequests() {
    String row = ServeFixture.ROW;
    List<Bad> bad = new ArrayList<>(List.of(
        json("empty body", "", "empty body"),
        json("bad JSON", "{\"rows\": [" + row, "malformed JSON"),
        json("missing rows", "{\"row\": [" + row + "]}", "unknown field 'row'"),
        json("no rows field", "{}", "missing field \"rows\""),
        json("rows not a list", "{\"rows\": " + row + "}", "\"rows\" is an object"),
        json("row not an object", "{\"rows\": [[1, 2, \"red\"]]}", "rows[0] is a list"),
        json("unknown column", "{\"rows\": [{\"x3\": 1}]}", "rows[0]: unknown column 'x3'"),
        json("wrong type", "{\"rows\": [{\"x1\": {\"v\": 1}}]}", "rows[0].x1 is an object"),
        json("text in a numeric column", "{\"rows\": [{\"x1\": \"one\"}]}", "rows[0].x1 is 'one'"),
        json("Infinity string", "{\"rows\": [{\"x2\": \"-Infinity\"}]}", "rows[0].x2 is '-Infinity'"),
        json("bare NaN", "{\"rows\": [{\"x2\": NaN}]}", "malformed JSON"),
        json("deep nesting", "{\"rows\": [{\"colour\": " + "[".repeat(3000) + "]}]}", "rows[0].colour is a list"),
        json("duplicate keys", "{\"rows\": [{\"x1\": 1, \"x1\": 2}]}", "rows[0]: column 'x1' appears twice"),
        json("too many rows", "{\"rows\": [" + String.join(",", java.util.Collections.nCopies(6, row)) + "]}", "more than 5 rows"),
        json("category unseen in training", "{\"rows\": [{\"x1\": 1}, {\"colour\": \"mauve\"}]}",
            "rows[1].colour: column 'colour' has the category 'mauve', unseen in training"),
        raw("non-UTF-8 bytes", "application/json", new byte[] {'{', '"', 'r', 'o', 'w', 's', '"', ':', (byte) 0xc3, '}'},
            400, "Invalid UTF-8"),
        raw("wrong content type", "text/csv", "x1\n1\n".getBytes(), 415, "expected application/json"),
        raw("wrong charset", "application/json; charset=ISO-8859-1", row.getBytes(), 415, "charset=ISO-8859-1"),
        raw("oversized body", "application/json", ("{\"rows\": [" + " ".repeat(5000) + "]}").getBytes(), 413,
            "body larger than 4096 bytes"),
        new Bad("GET on /predict", s -> ServeFixture.request(s, "/predict").build(), 405, "use POST"),
        new Bad("POST on /model", s -> ServeFixture.request(s, "/model").POST(HttpRequest.BodyPublishers.noBody()).build(),
            405, "use GET"),
        new Bad("unknown path", s -> ServeFixture.request(s, "/predictions").build(), 404, "no endpoint /predictions")));
    return bad;
  }

  @Test
  @SuppressWarnings("unchecked")
  void refusesEachKindOfBadRequestNamingTheFaultAndKeepsAnswering() throws Exception {
    List<Bad> bad = badRequests();
    assertThat(bad.stream().filter(b -> b.status() == 400)).hasSizeGreaterThanOrEqualTo(15);
    try (PredictionServer s = serve(modelA)) {
      var before = predictions(ServeFixture.send(client, ServeFixture.predict(s, "{\"rows\": [" + ServeFixture.ROW + "]}")));
      for (Bad b : bad) {
        HttpResponse<String> r = ServeFixture.send(client, b.request().apply(s));
        assertThat(r.statusCode()).as(b.kind() + ": " + r.body()).isEqualTo(b.status());
        String error = (String) MAPPER.readValue(r.body(), Map.class).get("error");
        assertThat(error).as(b.kind()).contains(b.message());
        if (b.status() == 405) assertThat(r.headers().firstValue("Allow")).hasValue(b.message().substring(4));
      }
      var after = predictions(ServeFixture.send(client, ServeFixture.predict(s, "{\"rows\": [" + ServeFixture.ROW + "]}")));
      assertThat(after).isEqualTo(before);
      Map<String, Object> health = settledHealth(s);
      assertThat(health).as("no bad request left a pending count behind").containsEntry("status", "ok")
          .containsEntry("pending", 1);
    }
  }

  /**
   * /health once the requests before it have finished. A worker counts its request as pending until its handler
   * returns, which is just after the client has the whole answer, so under load the first /health can still see the
   * previous request (pending 2). A leaked count never settles: asked again, it stays above 1.
   */
  @SuppressWarnings("unchecked")
  private Map<String, Object> settledHealth(PredictionServer s) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Map<String, Object> health;
    do {
      health = MAPPER.readValue(ServeFixture.send(client, ServeFixture.request(s, "/health").build()).body(), Map.class);
    } while (!Integer.valueOf(1).equals(health.get("pending")) && System.nanoTime() < end);
    return health;
  }

  @Test
  @SuppressWarnings("unchecked")
  void reloadSwapsTheModelWholeAndAFailedReloadKeepsTheCurrentOne() throws Exception {
    Path served = dir.resolve("served.mtl4j");
    Files.copy(modelA, served, StandardCopyOption.REPLACE_EXISTING);
    String one = "{\"rows\": [" + ServeFixture.ROW + "]}";
    try (PredictionServer a = serve(modelA); PredictionServer b = serve(modelB); PredictionServer s = serve(served)) {
      var fromA = predictions(ServeFixture.send(client, ServeFixture.predict(a, one)));
      var fromB = predictions(ServeFixture.send(client, ServeFixture.predict(b, one)));
      assertThat(fromB).isNotEqualTo(fromA);
      assertThat(predictions(ServeFixture.send(client, ServeFixture.predict(s, one)))).isEqualTo(fromA);

      Files.copy(modelB, served, StandardCopyOption.REPLACE_EXISTING);
      HttpRequest reload = ServeFixture.request(s, "/admin/reload").POST(HttpRequest.BodyPublishers.noBody()).build();
      HttpResponse<String> ok = ServeFixture.send(client, reload);
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
      assertThat(MAPPER.readValue(ok.body(), Map.class)).containsEntry("reloaded", true).containsEntry("generation", 1);
      assertThat(predictions(ServeFixture.send(client, ServeFixture.predict(s, one)))).isEqualTo(fromB);

      Files.writeString(served, "not a model");
      HttpResponse<String> failed = ServeFixture.send(client, reload);
      assertThat(failed.statusCode()).isEqualTo(500);
      assertThat(MAPPER.readValue(failed.body(), Map.class)).containsEntry("reloaded", false)
          .containsEntry("generation", 1);
      assertThat((String) MAPPER.readValue(failed.body(), Map.class).get("error"))
          .startsWith("reload failed, still serving generation 1: ").contains("served.mtl4j");
      assertThat(predictions(ServeFixture.send(client, ServeFixture.predict(s, one)))).isEqualTo(fromB);
    }
  }

  /** A model whose predictions wait for {@code release}: requests stay in flight as long as the test wants. */
  private record Blocking(CountDownLatch release) implements RowModel {
    @Override
    public List<Input> inputs() {
      return List.of(new Input("x", true));
    }

    @Override
    public Map<String, Object> describe() {
      return Map.of();
    }

    @Override
    public List<Map<String, Map<String, Object>>> predict(String[][] cells) {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return List.of(Map.of("t", Map.of("prediction", 1)));
    }
  }

  @Test
  void answers503WhileEveryWorkerAndQueueSlotIsTaken() throws Exception {
    var release = new CountDownLatch(1);
    ServeOptions oneAndOne = new ServeOptions("127.0.0.1", 0, 1, 1, 4096, 5, 10, 10, false);
    try (PredictionServer s = PredictionServer.start(new ModelSlot(() -> new Blocking(release)), oneAndOne, m -> { })) {
      List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        sent.add(client.sendAsync(ServeFixture.predict(s, "{\"rows\": [{\"x\": 1}]}"), HttpResponse.BodyHandlers.ofString()));
      }
      // Until released, one request runs and one waits: the three others can only have been refused.
      while (sent.stream().filter(CompletableFuture::isDone).count() < 3) {
        CompletableFuture.anyOf(sent.stream().filter(f -> !f.isDone()).toArray(CompletableFuture[]::new)).get();
      }
      assertThat(sent.stream().filter(f -> f.isDone()).map(f -> f.join().statusCode())).containsOnly(503);
      release.countDown();
      List<Integer> statuses = sent.stream().map(f -> f.join().statusCode()).sorted().toList();
      assertThat(statuses).containsExactly(200, 200, 503, 503, 503);
      assertThat(sent.stream().map(f -> f.join()).filter(r -> r.statusCode() == 503).map(HttpResponse::body))
          .allMatch(b -> b.contains("overloaded: all 1 workers busy and 1 requests queued"));
    }
  }
}
