package io.mtl4j.cli;

import io.mtl4j.data.DatasetRegistry;
import io.mtl4j.data.Downloader;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The dataset registry: list, fetch into the cache (verified, never partial), verify a cache or local copy. */
@Command(name = "datasets", mixinStandardHelpOptions = true, description = "List, fetch and verify known datasets.",
    subcommands = {DatasetsCommand.ListCommand.class, DatasetsCommand.Fetch.class, DatasetsCommand.Verify.class})
final class DatasetsCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  static Path dir(Path dataDir, String name) {
    return dataDir != null ? dataDir : DatasetRegistry.cacheDir(System.getenv()).resolve(DatasetRegistry.get(name).name());
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the registry with sources, licenses and tasks.")
  static final class ListCommand implements Callable<Integer> {
    public Integer call() {
      System.out.println("cache: " + DatasetRegistry.cacheDir(System.getenv()) + " (set MTL4J_DATA to change)");
      for (DatasetRegistry.Entry e : DatasetRegistry.all()) {
        System.out.println();
        System.out.println(e.name() + ": " + e.description());
        System.out.println("  license: " + e.license());
        System.out.println("  tasks:   " + String.join(", ", e.tasks()));
        for (DatasetRegistry.FileEntry f : e.files()) {
          System.out.println("  file:    " + f.name() + "  sha256 " + f.sha256());
          System.out.println("           " + f.url());
        }
      }
      return 0;
    }
  }

  @Command(name = "fetch", mixinStandardHelpOptions = true, description = "Download a dataset into the cache and verify its SHA-256.")
  static final class Fetch implements Callable<Integer> {
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--data-dir", description = "download here instead of the cache") Path dataDir;

    public Integer call() {
      DatasetRegistry.Entry e = DatasetRegistry.get(name);
      Path dir = dir(dataDir, name);
      HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(30)).build();
      for (DatasetRegistry.FileEntry f : e.files()) System.out.println("ok  " + Downloader.fetch(dir, f, client));
      return 0;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true, description = "Check a dataset's files (cache or --data-dir) against their SHA-256.")
  static final class Verify implements Callable<Integer> {
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--data-dir", description = "a local copy to check instead of the cache") Path dataDir;

    public Integer call() {
      DatasetRegistry.Entry e = DatasetRegistry.get(name);
      Path dir = dir(dataDir, name);
      boolean ok = true;
      for (DatasetRegistry.FileEntry f : e.files()) {
        Downloader.Status s = Downloader.verify(dir, f);
        java.nio.file.Path plain = dir.resolve(f.name()), gz = dir.resolve(f.name() + ".gz");
        java.nio.file.Path shown = !java.nio.file.Files.exists(plain) && java.nio.file.Files.exists(gz) ? gz : plain;
        System.out.println(s.name().toLowerCase(java.util.Locale.ROOT) + "  " + shown);
        ok &= s == Downloader.Status.OK;
      }
      return ok ? 0 : 1;
    }
  }
}
