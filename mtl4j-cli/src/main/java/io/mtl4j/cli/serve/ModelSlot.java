package io.mtl4j.cli.serve;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The model the service answers with, swapped whole on reload: a request reads the reference once and finishes on
 * that model, so a reload drops nothing. A reload that fails keeps the current model and says why.
 */
public final class ModelSlot {
  /** A loaded model, when it was loaded, and how many reloads came before it. */
  public record Current(RowModel model, Instant loadedAt, int generation) {}

  /** What a reload did: the model now served and, when it failed, why (null on success). */
  public record Reload(Current current, String error) {
    public boolean ok() {
      return error == null;
    }
  }

  private final Supplier<RowModel> loader;
  private volatile Current current;

  /** Loads the first model with {@code loader} now (its failure is the caller's), and again on each reload. */
  public ModelSlot(Supplier<RowModel> loader) {
    this.loader = loader;
    this.current = new Current(Objects.requireNonNull(loader.get(), "loader gave no model"), Instant.now(), 0);
  }

  public Current current() {
    return current;
  }

  /** Loads the model again; one reload at a time, the service answering with the current model meanwhile. */
  public synchronized Reload reload() {
    RowModel next;
    try {
      next = Objects.requireNonNull(loader.get(), "loader gave no model");
    } catch (RuntimeException e) {
      return new Reload(current, e.getMessage() == null ? e.toString() : e.getMessage());
    }
    current = new Current(next, Instant.now(), current.generation() + 1);
    return new Reload(current, null);
  }
}
