package io.mtl4j.data;

import io.mtl4j.tensor.Tensor;

/**
 * Where a {@link ShuffleBuffer} keeps the rows it holds: {@link Copies} of rows parsed from the file, or the
 * {@link Places} of rows in a cache that can read them again. Both hold the same rows in the same slots, so which
 * one a read uses changes no bit of training; places save copying every row into the buffer and moving it there.
 */
sealed interface ShuffleSlots {
  /** Puts the stream's next row into slot {@code slot}; false at the end of the stream. */
  boolean pull(int slot);

  /** Puts slot {@code from}'s row into slot {@code to} (the last slot filling a drawn one once the stream is spent). */
  void move(int from, int to);

  /** Copies slot {@code slot}'s row into row {@code row} of a batch's buffers. */
  void copyOut(int slot, Batch.Buffers into, int row);

  /** The rows' floats: features, each task's labels and mask, {@code capacity} rows of each. */
  final class Copies implements ShuffleSlots {
    private final int width;
    private final int[] labelWidths;
    private final String[] tasks;
    private final float[] features;
    private final float[][] labels, masks;
    private RowStream.Chunks source;
    private Dataset chunk;
    private final Tensor[] chunkLabels, chunkMasks;
    private int cursor;

    Copies(int capacity, int width, String[] tasks, int[] labelWidths) {
      this.width = width;
      this.tasks = tasks;
      this.labelWidths = labelWidths;
      this.features = new float[capacity * width];
      this.labels = new float[tasks.length][];
      this.masks = new float[tasks.length][capacity];
      for (int t = 0; t < tasks.length; t++) labels[t] = new float[capacity * labelWidths[t]];
      this.chunkLabels = new Tensor[tasks.length];
      this.chunkMasks = new Tensor[tasks.length];
    }

    /** These slots, refilled from {@code source} (read from its start). */
    Copies from(RowStream.Chunks source) {
      this.source = source;
      this.chunk = null;
      this.cursor = 0;
      return this;
    }

    @Override
    public boolean pull(int slot) {
      while (chunk == null || cursor == chunk.rows()) {
        chunk = source.next();
        cursor = 0;
        if (chunk == null) return false;
        for (int t = 0; t < tasks.length; t++) {
          chunkLabels[t] = chunk.labels(tasks[t]);
          chunkMasks[t] = chunk.mask(tasks[t]);
        }
      }
      copy(chunk.features(), cursor, features, slot, width);
      for (int t = 0; t < labelWidths.length; t++) {
        copy(chunkLabels[t], cursor, labels[t], slot, labelWidths[t]);
        copy(chunkMasks[t], cursor, masks[t], slot, 1);
      }
      cursor++;
      return true;
    }

    @Override
    public void move(int from, int to) {
      System.arraycopy(features, from * width, features, to * width, width);
      for (int t = 0; t < labelWidths.length; t++) {
        System.arraycopy(labels[t], from * labelWidths[t], labels[t], to * labelWidths[t], labelWidths[t]);
        masks[t][to] = masks[t][from];
      }
    }

    @Override
    public void copyOut(int slot, Batch.Buffers into, int row) {
      System.arraycopy(features, slot * width, into.features(), into.featuresAt() + row * width, width);
      for (int t = 0; t < labelWidths.length; t++) {
        int w = labelWidths[t];
        System.arraycopy(labels[t], slot * w, into.labels()[t], into.labelsAt()[t] + row * w, w);
        into.masks()[t][into.masksAt()[t] + row] = masks[t][slot];
      }
    }

    private static void copy(Tensor src, int row, float[] dst, int slot, int w) {
      System.arraycopy(src.data(), src.offset() + row * w, dst, slot * w, w);
    }
  }

  /** Each row's place in a cache that reads it again when it is drawn. */
  final class Places implements ShuffleSlots {
    private final long[] places;
    private RowPlaces source;

    Places(int capacity) {
      this.places = new long[capacity];
    }

    /** These slots, refilled from {@code source} (read from its start). */
    Places from(RowPlaces source) {
      this.source = source;
      return this;
    }

    @Override
    public boolean pull(int slot) {
      long place = source.nextRow();
      if (place < 0) return false;
      places[slot] = place;
      return true;
    }

    @Override
    public void move(int from, int to) {
      places[to] = places[from];
    }

    @Override
    public void copyOut(int slot, Batch.Buffers into, int row) {
      source.copy(places[slot], into, row);
    }
  }
}
