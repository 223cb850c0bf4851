package io.mtl4j.cli;

import io.mtl4j.cli.run.ModelStore;
import io.mtl4j.cli.run.Outputs;
import io.mtl4j.onnx.OnnxExport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A trained model in a format other runtimes read: {@code --format onnx} writes a standard ONNX graph (one output per
 * task, preprocessing inside) and a JSON sidecar {@code OUT.json} describing its inputs and outputs.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Export a model for other runtimes: an ONNX graph with one output per task, plus OUT.json (sidecar).")
final class ExportCommand implements Callable<Integer> {
  /** Export formats. */
  enum Format { onnx }

  @Option(names = {"-m", "--model"}, required = true, description = "model file written by 'mtl4j train'") Path modelFile;
  @Option(names = "--format", defaultValue = "onnx",
      description = "export format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})") Format format;
  @Option(names = {"-o", "--out"}, required = true,
      description = "file to write (e.g. model.onnx); the sidecar is OUT.json") Path out;
  @Option(names = "--int8", description = "store weight matrices as int8 with per-channel scales (QDQ): a quarter "
      + "of their float32 size; 'mtl4j evaluate --int8' shows what it does to the metrics") boolean int8;
  @Option(names = "--force", description = "overwrite existing output files") boolean force;

  @picocli.CommandLine.Mixin ModelKeyOption modelKey = new ModelKeyOption();

  @Override
  public Integer call() {
    Outputs.checkFile("--out", out, force);
    Outputs.checkFile("--out", OnnxExport.sidecarOf(out), force);
    ModelStore.Loaded saved = ModelStore.load(modelFile, modelKey.key());
    try {
      OnnxExport.write(saved.model(), saved.preprocessing(), saved.metadata().provenance(), out,
          int8 ? OnnxExport.Weights.INT8 : OnnxExport.Weights.FLOAT32);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(modelFile + " cannot be exported to ONNX: " + e.getMessage(), e);
    }
    System.out.println("Wrote " + out + " (ONNX opset " + OnnxExport.OPSET + (int8 ? ", int8 weights" : "")
        + ", " + out.toFile().length() + " bytes, outputs " + saved.model().tasks().stream()
        .map(io.mtl4j.task.Task::name).toList() + ") and " + OnnxExport.sidecarOf(out));
    return 0;
  }
}
