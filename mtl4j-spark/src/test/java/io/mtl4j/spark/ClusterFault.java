package io.mtl4j.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobEnd;

/**
 * A Spark listener ({@code spark.extraListeners}) on the driver of {@link LoopbackClusterTest}: once the
 * {@link #arm armed} number of jobs has finished, mid-training, it has the cluster script kill -9 an executor JVM, and
 * it counts the executors Spark saw removed. Spark creates it by class name, so the test talks to it through statics.
 */
public final class ClusterFault extends SparkListener {
  private static final AtomicInteger JOBS = new AtomicInteger();
  private static final AtomicInteger REMOVED = new AtomicInteger();
  private static volatile int killAfterJobs = -1;
  private static volatile Path script;
  private static volatile Path cluster;
  private static volatile String killed;

  /** Kills an executor after {@code jobs} more jobs; {@code jobs} &lt; 0 disarms. */
  static void arm(int jobs, Path script, Path cluster) {
    JOBS.set(0);
    REMOVED.set(0);
    killed = null;
    ClusterFault.script = script;
    ClusterFault.cluster = cluster;
    killAfterJobs = jobs;
  }

  /** The pid of the executor JVM killed, or null. */
  static String killed() {
    return killed;
  }

  static int executorsRemoved() {
    return REMOVED.get();
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd end) {
    if (JOBS.incrementAndGet() != killAfterJobs) return;
    try {
      Process p = new ProcessBuilder("bash", script.toString(), "kill-executor", cluster.toString())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor() == 0) killed = out;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
    REMOVED.incrementAndGet();
  }
}
