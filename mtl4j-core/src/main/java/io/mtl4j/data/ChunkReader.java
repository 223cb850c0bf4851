package io.mtl4j.data;

/**
 * A file read as consecutive {@link Table}s of bounded size, pulled one at a time: what out-of-core training reads,
 * so that no more than one chunk of raw rows is in memory.
 */
public interface ChunkReader extends AutoCloseable {
  /** The next chunk in file order, or null past the end; the first call returns a table even for a file of no rows. */
  Table next();

  @Override
  void close();
}
