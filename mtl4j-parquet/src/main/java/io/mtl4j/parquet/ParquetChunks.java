package io.mtl4j.parquet;

import io.mtl4j.data.ChunkFormat;
import io.mtl4j.data.ChunkReader;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Parquet as a {@link ChunkFormat}: the CLI finds it through {@link java.util.ServiceLoader} and streams a
 * {@code .parquet} training file through {@link ParquetSource#open} with no compile-time dependency on this module.
 */
public final class ParquetChunks implements ChunkFormat {
  @Override
  public String name() {
    return "parquet";
  }

  @Override
  public List<String> extensions() {
    return List.of("parquet");
  }

  @Override
  public Supplier<ChunkReader> source(Path file, int chunkRows) {
    return () -> ParquetSource.open(file, chunkRows);
  }
}
