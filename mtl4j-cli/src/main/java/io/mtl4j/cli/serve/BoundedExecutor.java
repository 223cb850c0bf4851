package io.mtl4j.cli.serve;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP server's executor: a fixed pool of workers with a bounded queue. When both are full a request goes to one
 * "shedding" thread whose handler answers 503 at once (the JDK server would only close the connection on a
 * rejection); when that thread's own small queue is full too, the connection is closed. Counts pending requests so
 * shutdown can wait for them.
 */
final class BoundedExecutor implements Executor {
  private static final int SHED_QUEUE = 1024;

  private final ThreadPoolExecutor workers;
  private final ThreadPoolExecutor shedder;
  private final ThreadLocal<Boolean> shedding = ThreadLocal.withInitial(() -> false);
  private final AtomicInteger pending = new AtomicInteger();
  private final Object idle = new Object();

  BoundedExecutor(int threads, int queue) {
    workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
        queue == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queue), named("mtl4j-serve-"));
    shedder = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(SHED_QUEUE), named("mtl4j-shed-"));
  }

  @Override
  public void execute(Runnable exchange) {
    pending.incrementAndGet();
    try {
      workers.execute(() -> run(exchange));
    } catch (RejectedExecutionException full) {
      try {
        shedder.execute(() -> {
          shedding.set(true);
          try {
            run(exchange);
          } finally {
            shedding.set(false);
          }
        });
      } catch (RejectedExecutionException alsoFull) {
        done();
        throw alsoFull;
      }
    }
  }

  /** True on the shedding thread: the request arrived while every worker and queue slot was taken. */
  boolean overloaded() {
    return shedding.get();
  }

  /** Requests handed to this executor and not yet answered. */
  int pending() {
    return pending.get();
  }

  /** Waits until no request is pending or {@code millis} passed; true when idle. */
  boolean awaitIdle(long millis) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (idle) {
      for (long left = millis; pending.get() > 0 && left > 0; left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())) {
        idle.wait(left);
      }
      return pending.get() == 0;
    }
  }

  void shutdown() {
    workers.shutdownNow();
    shedder.shutdownNow();
  }

  private void run(Runnable exchange) {
    try {
      exchange.run();
    } finally {
      done();
    }
  }

  private void done() {
    if (pending.decrementAndGet() == 0) {
      synchronized (idle) {
        idle.notifyAll();
      }
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
