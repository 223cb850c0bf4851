package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.io.ModelFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A training JVM killed with SIGKILL (Process.destroyForcibly) and resumed ends with the uninterrupted weights. */
class KillResumeTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(ints = {0, 3, 26, 61})
  void sigkilledRunResumedInANewProcessEndsBitIdentical(int killAfterLine) throws Exception {
    MultiTaskModel reference = TrainerTest.model(1);
    new Trainer(ResumeProbe.config()).fit(reference, ResumeProbe.train(), ResumeProbe.valid());

    Process first = probe(false);
    try (BufferedReader lines = reader(first)) {
      // The kill lands while the child keeps training: anywhere in the following steps or checkpoint writes.
      for (int i = 0; i < killAfterLine; i++) assertThat(lines.readLine()).startsWith("step");
      first.destroyForcibly();
    }
    first.waitFor();
    assertThat(dir.resolve("model.mtl4j")).doesNotExist();

    Process second = probe(true);
    List<String> out = new ArrayList<>();
    try (BufferedReader lines = reader(second)) {
      for (String l; (l = lines.readLine()) != null; ) out.add(l);
    }
    assertThat(second.waitFor()).as(() -> String.join("\n", out) + readLog("stderr-true.log")).isZero();
    assertThat(out).last().isEqualTo("done");
    float[] resumed = ModelFile.load(dir.resolve("model.mtl4j")).model().parameters().values();
    assertThat(resumed).containsExactly(reference.parameters().values());
  }

  private Process probe(boolean resume) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent")).toList());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ResumeProbe.class.getName());
    cmd.add(dir.toString());
    cmd.add(Boolean.toString(resume));
    return new ProcessBuilder(cmd).redirectError(dir.resolve("stderr-" + resume + ".log").toFile()).start();
  }

  private String readLog(String name) {
    try {
      return java.nio.file.Files.readString(dir.resolve(name));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static BufferedReader reader(Process p) {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
  }
}
