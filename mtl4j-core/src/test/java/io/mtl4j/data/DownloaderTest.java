package io.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
  private static final byte[] BODY = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
  // SHA-256 of BODY
  private static final String SHA = sha(BODY);

  @TempDir Path dir;
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/f.csv", ex -> {
      ex.sendResponseHeaders(200, BODY.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(BODY);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/f.csv";
  }

  @Test
  void fetchesVerifiesAndMovesIntoPlace() {
    DatasetRegistry.FileEntry e = new DatasetRegistry.FileEntry("f.csv", url(), SHA);
    Path p = Downloader.fetch(dir, e, HttpClient.newHttpClient());
    assertThat(p).hasBinaryContent(BODY);
    assertThat(Downloader.verify(dir, e)).isEqualTo(Downloader.Status.OK);
  }

  @Test
  void wrongChecksumLeavesNoFileBehind() throws IOException {
    DatasetRegistry.FileEntry e = new DatasetRegistry.FileEntry("f.csv", url(), "00" + SHA.substring(2));
    assertThatThrownBy(() -> Downloader.fetch(dir, e, HttpClient.newHttpClient())).hasMessageContaining("SHA-256");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void verifiesAGzippedCopyByItsContentAndReportsMismatchAndMissing() throws IOException {
    DatasetRegistry.FileEntry e = new DatasetRegistry.FileEntry("f.csv", url(), SHA);
    assertThat(Downloader.verify(dir, e)).isEqualTo(Downloader.Status.MISSING);
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(dir.resolve("f.csv.gz")))) {
      o.write(BODY);
    }
    assertThat(Downloader.verify(dir, e)).isEqualTo(Downloader.Status.OK);
    Files.writeString(dir.resolve("f.csv"), "tampered");
    assertThat(Downloader.verify(dir, e)).isEqualTo(Downloader.Status.MISMATCH);
  }

  @Test
  void truncatedGzippedCopyIsAnErrorNamingThatCopyAndTheCause() throws IOException {
    DatasetRegistry.FileEntry e = new DatasetRegistry.FileEntry("f.csv", url(), SHA);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream o = new GZIPOutputStream(bytes)) {
      o.write(BODY);
    }
    Files.write(dir.resolve("f.csv.gz"), java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() - 12));
    assertThatThrownBy(() -> Downloader.verify(dir, e)).isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith(dir.resolve("f.csv.gz") + ": ").hasMessageContaining("unexpected end of compressed data");
  }

  @Test
  void registryKnowsCensusAndAdultAndRefusesUnknownNames() {
    assertThat(DatasetRegistry.all()).extracting(DatasetRegistry.Entry::name).contains("census-income-kdd", "adult");
    assertThatThrownBy(() -> DatasetRegistry.get("censsu")).hasMessageContaining("known: [adult, census-income-kdd]");
    assertThat(DatasetRegistry.cacheDir(java.util.Map.of("MTL4J_DATA", "/x/y"))).isEqualTo(Path.of("/x/y"));
  }

  private static String sha(byte[] b) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
