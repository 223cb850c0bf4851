package io.mtl4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Runs one task per worker on a fixed pool; worker 0 runs on the calling thread. Results never depend on scheduling:
 * every worker writes only its own buffers and reductions happen in worker order. Public for workloads built
 * straight from layers ({@code ./mtl4j bench cnn}); the trainer is its main user.
 */
public final class DataParallel implements AutoCloseable, io.mtl4j.optim.Workers {
  private final int workers;
  private final ExecutorService pool;

  public DataParallel(int workers) {
    if (workers < 1) throw new IllegalArgumentException("DataParallel: workers = " + workers + ", expected ≥ 1");
    this.workers = workers;
    this.pool = workers == 1 ? null : Executors.newFixedThreadPool(workers - 1, r -> {
      Thread t = new Thread(r, "mtl4j-worker");
      t.setDaemon(true);
      return t;
    });
  }

  public int workers() {
    return workers;
  }

  @Override
  public int count() {
    return workers;
  }

  /** Calls {@code work(w)} for every worker w and waits for all; rethrows the first failure. */
  @Override
  public void run(IntConsumer work) {
    if (pool == null) {
      work.accept(0);
      return;
    }
    List<Future<?>> futures = new ArrayList<>(workers - 1);
    for (int w = 1; w < workers; w++) {
      int worker = w;
      futures.add(pool.submit((Callable<Void>) () -> {
        work.accept(worker);
        return null;
      }));
    }
    RuntimeException first = null;
    try {
      work.accept(0);
    } catch (RuntimeException e) {
      first = e;
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (first == null) first = cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (first == null) first = new IllegalStateException("interrupted while training", e);
      }
    }
    if (first != null) throw first;
  }

  /** Splits [0, n) into {@code workers} contiguous ranges; range w is [bounds[w], bounds[w+1]). */
  public int[] split(int n) {
    int[] bounds = new int[workers + 1];
    for (int w = 0; w <= workers; w++) bounds[w] = (int) ((long) n * w / workers);
    return bounds;
  }

  @Override
  public void close() {
    if (pool != null) pool.shutdownNow();
  }
}
