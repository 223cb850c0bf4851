package io.mtl4j.cli.run;

import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.data.DatasetRegistry;
import java.nio.file.Path;

/** Where a config's data files are: {@code --data-dir}, else a registry dataset's cache, else the working directory. */
public final class DataFiles {
  private DataFiles() {}

  public static Path base(RunConfig.Data d, Path dataDir) {
    if (dataDir != null) return dataDir;
    if (d.dataset() != null) return DatasetRegistry.cacheDir(System.getenv()).resolve(DatasetRegistry.get(d.dataset()).name());
    return Path.of("");
  }

  /** {@code base/name}, or {@code base/name.gz} when only the gzipped copy is there. */
  public static Path resolve(Path base, String name) {
    Path p = base.resolve(name);
    if (!java.nio.file.Files.exists(p) && java.nio.file.Files.exists(base.resolve(name + ".gz"))) return base.resolve(name + ".gz");
    return p;
  }
}
