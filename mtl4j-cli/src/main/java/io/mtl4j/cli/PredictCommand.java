package io.mtl4j.cli;

import io.mtl4j.cli.config.ConfigLoader;
import io.mtl4j.cli.run.DataOptions;
import io.mtl4j.cli.run.DataTables;
import io.mtl4j.cli.run.Experiment;
import io.mtl4j.cli.run.ModelStore;
import io.mtl4j.cli.run.Outputs;
import io.mtl4j.cli.run.TaskPredictions;
import io.mtl4j.data.LabelEncoder;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.Table;
import io.mtl4j.data.read.CsvSource;
import io.mtl4j.tensor.Tensor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A data file in (CSV, or by its extension LibSVM, ARFF or Parquet, read as training reads them), CSV out: one row
 * per input row with its row number, the {@code --id-columns} cells, and each task's prediction (and probability for
 * classification), in chunks; the output appears only when every row was predicted (temporary file + atomic rename).
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Predict every task for the rows of a data file (CSV, or by extension LibSVM, ARFF, Parquet); writes a CSV with one prediction per task.")
final class PredictCommand implements Callable<Integer> {
  private static final int CHUNK = 50_000;

  @Option(names = {"-m", "--model"}, required = true, description = "model file written by 'mtl4j train'") Path modelFile;
  @Option(names = {"-i", "--input"}, required = true, description = "CSV, LibSVM, ARFF or Parquet file (by extension) with the feature columns (labels not needed)") Path input;
  @Option(names = {"-o", "--output"}, required = true, description = "CSV file to write") Path output;
  @Option(names = {"-c", "--config"}, description = "config whose 'data' section says how to read the CSV (default: header, comma)") Path config;
  @Option(names = "--allow-unknown", description = "map categories unseen in training to the unknown bucket instead of failing") boolean allowUnknown;
  @Option(names = "--force", description = "overwrite an existing output file") boolean force;
  @Option(names = "--id-columns", split = ",", paramLabel = "COL",
      description = "input columns copied to the output after the row number, in this order") List<String> idColumns = List.of();

  @Option(names = "--auxiliary",
      description = "also write the auxiliary tasks' predictions (left out by default: they serve the main tasks)")
  boolean auxiliary;

  @picocli.CommandLine.Mixin ModelKeyOption modelKey = new ModelKeyOption();

  /** The tasks written, in the model's order: all, or the main ones only. */
  private List<LabelEncoder> written = List.of();

  @Override
  public Integer call() {
    io.mtl4j.io.ModelKey key = modelKey.key();
    Outputs.checkFile("--output", output, force);
    CsvSource.Options csv = config == null ? CsvSource.Options.defaults() : DataOptions.csvOptions(ConfigLoader.load(config).data());
    ModelStore.Predicting saved = ModelStore.predicting(modelFile, key);
    Preprocessing p = saved.preprocessing();
    written = written(p, saved);
    Path parent = output.toAbsolutePath().getParent();
    Path tmp = null;
    long[] count = {0};
    int[][] ids = {null};
    try {
      Files.createDirectories(parent);
      tmp = Files.createTempFile(parent, "." + output.getFileName(), ".tmp");
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        DataTables.readChunks("--input", input, csv, DataTables.columns(p), CHUNK, table -> {
          if (ids[0] == null) ids[0] = begin(w, table, p);
          write(w, table, ids[0], p, saved, count);
        });
      }
      if (count[0] == 0) throw new io.mtl4j.data.DataFormatException(input.toString(), 0, 0, "the file has no data rows");
      Outputs.readable(tmp);
      Files.move(tmp, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // hidden temporary file
        }
      }
    }
    System.out.println("Wrote " + count[0] + " predictions to " + output);
    return 0;
  }

  /** Resolves the id columns against the input's header and writes the output's header; returns their indices. */
  private int[] begin(BufferedWriter w, Table table, Preprocessing p) {
    int[] ids = new int[idColumns.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = table.indexOf(idColumns.get(i));
      if (ids[i] < 0) {
        throw new IllegalArgumentException("--id-columns: column '" + idColumns.get(i) + "' is not in " + input
            + "; columns: " + table.names());
      }
    }
    try {
      w.write(String.join(",", header(p)));
      w.newLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ids;
  }

  private List<String> header(Preprocessing p) {
    List<String> h = new ArrayList<>(List.of("row"));
    for (String c : idColumns) h.add(quote(c));
    for (LabelEncoder l : written) {
      for (String name : TaskPredictions.names(l)) h.add(l.spec().task() + "_" + name);
    }
    return h;
  }

  private void write(BufferedWriter w, Table table, int[] ids, Preprocessing p, ModelStore.Predicting saved, long[] count) {
    if (table.rows() == 0) return;
    int[] all = Preprocessing.allRows(table);
    Tensor x = p.features(table, all, !allowUnknown);
    Map<String, Tensor> pred = saved.predictor().predict(x, p.groupRows(table, all, !allowUnknown));
    try {
      StringBuilder sb = new StringBuilder();
      for (int r = 0; r < table.rows(); r++) {
        sb.setLength(0);
        sb.append(count[0] + r + 1);
        for (int c : ids) {
          int code = table.code(c, r);
          sb.append(',').append(code == Table.MISSING ? "" : quote(table.values(c).get(code)));
        }
        for (LabelEncoder l : written) {
          for (Object v : TaskPredictions.values(l, pred.get(l.spec().task()), r)) {
            sb.append(',').append(v instanceof Float f ? fmt(f) : v instanceof String c ? quote(c) : v);
          }
        }
        w.write(sb.toString());
        w.newLine();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    count[0] += table.rows();
  }

  private List<LabelEncoder> written(Preprocessing p, ModelStore.Predicting saved) {
    return auxiliary ? p.labels() : TaskPredictions.mainTasks(p, saved.tasks());
  }

  private static String fmt(float v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  private static String quote(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
