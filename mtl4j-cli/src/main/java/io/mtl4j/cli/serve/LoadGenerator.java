package io.mtl4j.cli.serve;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP/1.1 load generator for a loopback service: each of {@code connections} keep-alive sockets sends
 * one request, reads the whole answer, and sends the next, until {@code requests} were sent in all, the time limit
 * passed, or {@link #stop} was called. Counts every answer that is not a 200 (or a broken connection) as an error.
 */
public final class LoadGenerator {
  /** What a run did; latencies in microseconds, one per answered request. */
  public record Result(long requests, long errors, long nanos, long[] latenciesMicros, String firstError) {
    public double perSecond() {
      return requests * 1e9 / Math.max(1, nanos);
    }

    /** The {@code q}-quantile (0..1) of the latencies, in microseconds. */
    public long quantileMicros(double q) {
      if (latenciesMicros.length == 0) return 0;
      return latenciesMicros[(int) Math.min(latenciesMicros.length - 1, Math.floor(q * latenciesMicros.length))];
    }
  }

  private final InetSocketAddress target;
  private final byte[] request;
  private final int connections;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final CountDownLatch firstAnswer = new CountDownLatch(1);

  /** Sends {@code request} (a whole HTTP/1.1 request, headers and body) to {@code target}, which must be loopback. */
  public LoadGenerator(InetSocketAddress target, byte[] request, int connections) {
    if (!target.getAddress().isLoopbackAddress()) {
      throw new IllegalArgumentException("load target " + target + " is not a loopback address; the generator loads only this machine");
    }
    if (connections < 1) throw new IllegalArgumentException("connections is " + connections + "; expected ≥ 1");
    this.target = target;
    this.request = request.clone();
    this.connections = connections;
  }

  /** A POST of {@code json} to {@code path} as the generator sends it. */
  public static byte[] post(String path, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length + "\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(h, h.length + body.length);
    System.arraycopy(body, 0, out, h.length, body.length);
    return out;
  }

  /** Runs until {@code requests} were sent, {@code maxMillis} passed or {@link #stop}; blocks until done. */
  public Result run(long requests, long maxMillis) throws InterruptedException {
    AtomicLong sent = new AtomicLong(), errors = new AtomicLong();
    String[] firstError = {null};
    long deadline = System.nanoTime() + maxMillis * 1_000_000;
    List<long[]> latencies = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < connections; c++) {
      long[][] mine = {new long[1024]};
      int[] n = {0};
      Thread t = new Thread(() -> {
        while (!stop.get() && System.nanoTime() < deadline && sent.incrementAndGet() <= requests) {
          try (Socket s = new Socket(target.getAddress(), target.getPort())) {
            s.setTcpNoDelay(true);
            s.setSoTimeout((int) Math.max(1000, maxMillis));
            loop(s, requests, deadline, sent, errors, mine, n, firstError);
          } catch (IOException e) {
            errors.incrementAndGet();
            note(firstError, e.toString());
          }
        }
        synchronized (latencies) {
          latencies.add(Arrays.copyOf(mine[0], n[0]));
        }
      }, "mtl4j-load-" + c);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) t.join();
    long nanos = System.nanoTime() - start;
    long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new Result(all.length, errors.get(), nanos, all, firstError[0]);
  }

  /** Waits until the first 200 arrived (or the run ended). */
  public void awaitFirstAnswer() throws InterruptedException {
    firstAnswer.await();
  }

  /** Ends the run after the requests under way. */
  public void stop() {
    stop.set(true);
    firstAnswer.countDown();
  }

  /** One connection: request, answer, request… The first request of the connection was already counted as sent. */
  private void loop(Socket s, long requests, long deadline, AtomicLong sent, AtomicLong errors, long[][] lat, int[] n,
                    String[] firstError) throws IOException {
    OutputStream out = s.getOutputStream();
    InputStream in = new BufferedInputStream(s.getInputStream(), 8192);
    do {
      long t0 = System.nanoTime();
      out.write(request);
      out.flush();
      int status = readAnswer(in);
      if (status == 200) {
        firstAnswer.countDown();
      } else {
        errors.incrementAndGet();
        note(firstError, "HTTP " + status);
      }
      if (n[0] == lat[0].length) lat[0] = Arrays.copyOf(lat[0], n[0] * 2);
      lat[0][n[0]++] = (System.nanoTime() - t0) / 1000;
      if (status != 200) return; // an error answer may close the connection: open a new one
    } while (!stop.get() && System.nanoTime() < deadline && sent.incrementAndGet() <= requests);
  }

  /** Reads one answer with a Content-Length body; returns its status. */
  private static int readAnswer(InputStream in) throws IOException {
    String status = line(in);
    int length = 0;
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      int colon = h.indexOf(':');
      if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
        length = Integer.parseInt(h.substring(colon + 1).trim());
      }
    }
    in.skipNBytes(length);
    String[] parts = status.split(" ");
    if (parts.length < 2) throw new IOException("not an HTTP status line: '" + status + "'");
    return Integer.parseInt(parts[1]);
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) throw new IOException("connection closed by the server");
      if (b != '\r') sb.append((char) b);
    }
    return sb.toString();
  }

  private static void note(String[] first, String error) {
    synchronized (first) {
      if (first[0] == null) first[0] = error;
    }
  }
}
