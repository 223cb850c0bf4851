package io.mtl4j.spark;

import io.mtl4j.io.ModelFile;
import io.mtl4j.io.SavedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;

/**
 * Persistence of {@link MultiTaskSparkModel}: Spark's Params metadata ({@code metadata/}) and the ordinary mtl4j model
 * file ({@value #MODEL_FILE}) beside it, copied through Hadoop's file system so a path on HDFS or S3 works too. The
 * plain library loads that file with {@link ModelFile#load}: one format inside and outside Spark.
 */
final class ModelFileIO {
  /** The model file's name inside a saved model's directory. */
  static final String MODEL_FILE = "model.mtl4j";

  private ModelFileIO() {}

  static final class Writer extends MLWriter {
    private final MultiTaskSparkModel instance;

    Writer(MultiTaskSparkModel instance) {
      this.instance = instance;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter$.MODULE$.saveMetadata(instance, path, sparkSession());
      Path dir = tempDirectory();
      try {
        Path file = dir.resolve(MODEL_FILE);
        ModelFile.save(file, instance.model());
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(path, MODEL_FILE);
        fileSystem(target).copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(file.toUri()), target);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + path + "/" + MODEL_FILE, e);
      } finally {
        delete(dir);
      }
    }

    private FileSystem fileSystem(org.apache.hadoop.fs.Path p) throws IOException {
      return p.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
    }
  }

  static final class Reader extends MLReader<MultiTaskSparkModel> {
    @Override
    public MultiTaskSparkModel load(String path) {
      DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(),
          MultiTaskSparkModel.class.getName());
      Path dir = tempDirectory();
      try {
        Path file = dir.resolve(MODEL_FILE);
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(path, MODEL_FILE);
        source.getFileSystem(sparkSession().sparkContext().hadoopConfiguration())
            .copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(file.toUri()), true);
        SavedModel saved = ModelFile.load(file);
        MultiTaskSparkModel model = new MultiTaskSparkModel(metadata.uid(), saved.model());
        metadata.getAndSetParams(model, scala.Option.empty());
        return model;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + path + "/" + MODEL_FILE, e);
      } finally {
        delete(dir);
      }
    }
  }

  private static Path tempDirectory() {
    try {
      return Files.createTempDirectory("mtl4j-spark");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
  }

  private static void delete(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary directory is harmless; the save or load itself succeeded or already failed
    }
  }
}
