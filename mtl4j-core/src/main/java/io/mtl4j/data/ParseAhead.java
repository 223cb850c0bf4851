package io.mtl4j.data;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Encoded chunks read, parsed and encoded one chunk ahead on a thread of its own, so that training on one chunk and
 * parsing the next overlap (TensorFlow's {@code Dataset.prefetch}). One thread and at most two chunks beyond the
 * consumer's: one queued, one being encoded. The chunks arrive in the same order and with the same contents as
 * {@code source}'s, so training is bit-identical with or without it; an error of the reader (a bad cell, with its
 * file and line) is thrown again, the same exception, on the thread that asks for the next chunk.
 */
final class ParseAhead implements RowStream.Chunks {
  private static final Object END = new Object();

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(1);
  private final Thread worker;
  private volatile boolean closed;
  private boolean ended;

  ParseAhead(RowStream.Chunks source) {
    this.worker = new Thread(() -> run(source), "mtl4j-parse-ahead");
    worker.setDaemon(true); // an abandoned stream must not keep the JVM alive
    worker.start();
  }

  private void run(RowStream.Chunks source) {
    try (source) {
      for (Dataset d; ; ) {
        d = source.next();
        queue.put(d == null ? END : d);
        if (d == null) return;
      }
    } catch (InterruptedException e) {
      // closed by the consumer: nothing more is wanted
    } catch (RuntimeException | Error e) {
      if (!closed) handOver(e); // after a close, the reader's errors are those of its interrupted read
    }
  }

  private void handOver(Throwable e) {
    try {
      queue.put(e);
    } catch (InterruptedException closing) {
      // closed by the consumer: nobody will ask
    }
  }

  @Override
  public Dataset next() {
    if (ended) return null;
    Object item;
    try {
      item = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the next chunk", e);
    }
    if (item instanceof RuntimeException e) throw e;
    if (item instanceof Error e) throw e;
    ended = item == END;
    return ended ? null : (Dataset) item;
  }

  /** Stops the reader and waits for it to close its file. */
  @Override
  public void close() {
    closed = true;
    worker.interrupt();
    boolean interrupted = false;
    while (worker.isAlive()) {
      try {
        worker.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }
}
