package io.mtl4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every architecture's exported file passes the reference checker, {@code onnx.checker.check_model(m,
 * full_check=True)} (which also runs shape inference), from Debian's {@code python3-onnx}; skipped when it is absent.
 */
class OnnxCheckerTest {
  private static final String CHECK = String.join("\n",
      "import sys, onnx",
      "for path in sys.argv[1:]:",
      "    onnx.checker.check_model(onnx.load(path), full_check=True)",
      "    print('ok', path)");

  /**
   * Interpreters tried in order: $MTL4J_PYTHON, the one on PATH, then Debian's, where python3-onnx installs (a PATH
   * python3 of pyenv or a virtualenv does not see Debian's packages).
   */
  private static final List<String> INTERPRETERS = java.util.stream.Stream.of(System.getenv("MTL4J_PYTHON"), "python3",
      "/usr/bin/python3").filter(java.util.Objects::nonNull).toList();
  private static String python;

  @TempDir Path dir;

  @BeforeEach
  void needsPythonOnnx() throws Exception {
    if (python == null) {
      for (String candidate : INTERPRETERS) {
        if (run(candidate, "-c", "import onnx").exitCode() == 0) {
          python = candidate;
          break;
        }
      }
      if (python == null) python = "";
    }
    assumeTrue(!python.isEmpty(), "no python3 with the onnx package (tried " + INTERPRETERS + "; Debian: apt-get "
        + "install python3-onnx, or set MTL4J_PYTHON); skipping the ONNX checker");
  }

  @Test
  void everyArchitectureInFloatAndInt8PassesTheOnnxCheckerWithFullCheck() throws Exception {
    Table table = ExportFixtures.read(ExportFixtures.csv(dir, "rows.csv", 120, 5));
    Preprocessing p = ExportFixtures.fit(table, ExportFixtures.TASK_KINDS);
    List<String> args = new ArrayList<>(List.of("-c", CHECK));
    for (Map.Entry<String, Architecture.Factory> a : ExportFixtures.architectures().entrySet()) {
      MultiTaskModel model = ExportFixtures.model(a.getValue(), p, 5);
      for (OnnxExport.Weights w : OnnxExport.Weights.values()) {
        Path out = dir.resolve(a.getKey() + "-" + w + ".onnx");
        OnnxExport.write(model, p, null, out, w);
        args.add(out.toString());
      }
    }
    Result r = python(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output().lines().filter(l -> l.startsWith("ok ")).count()).isEqualTo(2L * ExportFixtures.architectures().size());
  }

  @Test
  void modelsWithFeatureGroupsInFloatAndInt8PassTheOnnxCheckerWithFullCheck() throws Exception {
    List<String> args = new ArrayList<>(List.of("-c", CHECK));
    for (Map.Entry<String, GroupFixtures.Case> c : GroupFixtures.cases().entrySet()) {
      MultiTaskModel model = GroupFixtures.model(c.getValue().spec(), ExportFixtures.architectures().get("mmoe"), 6);
      for (OnnxExport.Weights w : OnnxExport.Weights.values()) {
        Path out = dir.resolve(c.getKey().replace(' ', '-') + "-" + w + ".onnx");
        OnnxExport.write(model, null, null, out, w, c.getValue().bags());
        args.add(out.toString());
      }
    }
    Table table = ExportFixtures.read(ExportFixtures.csv(dir, "rows.csv", 120, 6));
    Preprocessing p = GroupFixtures.fitRaw(table, ExportFixtures.TASK_KINDS);
    Path raw = dir.resolve("raw-columns.onnx");
    OnnxExport.write(GroupFixtures.model(p.groups().inputSpec(), ExportFixtures.tasks(p),
        ExportFixtures.architectures().get("ple"), 6), p, null, raw);
    args.add(raw.toString());
    Result r = python(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output().lines().filter(l -> l.startsWith("ok ")).count()).isEqualTo(args.size() - 2L);
  }

  @Test
  void theCheckerRejectsABrokenGraph() throws Exception {
    // The check must be able to fail: a graph whose node reads a value nothing produces.
    Path out = dir.resolve("broken.onnx");
    OnnxGraph g = new OnnxGraph("broken");
    g.output("y", g.op("Relu", g.input("x", OnnxGraph.FLOAT, 2) + "_missing"), OnnxGraph.FLOAT, 2);
    io.mtl4j.io.AtomicWrite.write(out, ai.onnx.proto.OnnxMl.ModelProto.newBuilder().setIrVersion(OnnxExport.IR_VERSION)
        .addOpsetImport(ai.onnx.proto.OnnxMl.OperatorSetIdProto.newBuilder().setVersion(OnnxExport.OPSET))
        .setGraph(g.build("broken")).build().toByteArray());
    assertThat(python("-c", CHECK, out.toString()).exitCode()).isNotZero();
  }

  private record Result(int exitCode, String output) {}

  private static Result python(String... args) throws IOException, InterruptedException {
    return run(python, args);
  }

  private static Result run(String interpreter, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(interpreter));
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Result(-1, interpreter + " not found: " + e.getMessage());
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Result(-1, interpreter + " did not finish in 120 s\n" + output);
    }
    return new Result(process.exitValue(), output);
  }
}
