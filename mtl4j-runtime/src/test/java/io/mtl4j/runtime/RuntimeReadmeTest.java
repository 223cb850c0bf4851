package io.mtl4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's runtime example, verbatim between the markers, run on a model with the columns it names. */
class RuntimeReadmeTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path THIS_FILE = Path.of("src", "test", "java", "io", "mtl4j", "runtime", "RuntimeReadmeTest.java");

  @Test
  void theRuntimeExampleRunsAndTheReadmeShowsIt(@TempDir Path dir) throws IOException {
    Path modelFile = TestModels.mmoe(dir, 41);

    // ---- README begin ----
    RuntimeModel model = RuntimeModel.load(modelFile);        // e.g. OUT/model.mtl4j; immutable, share it between threads
    float[] out = new float[model.outputWidth()];             // reuse it: predict allocates nothing
    Map<String, Object> row = new HashMap<>(Map.of("age", 52, "colour", "red"));
    row.put("city", null);                                    // null (or "", "?", "NA") = missing
    model.predict(row, out);                                  // needs every column of model.inputColumns()
    Map<String, float[]> byTask = new LinkedHashMap<>();
    for (RuntimeTask t : model.tasks()) {                     // t.kind(); t.labels(): class names
      byTask.put(t.name(), Arrays.copyOfRange(out, t.offset(), t.offset() + t.width()));
    }
    // ---- README end ----

    assertThat(byTask.keySet()).containsExactly("clicked", "spend");
    assertThat(byTask.get("clicked")[0]).isStrictlyBetween(0f, 1f);
    assertThat(byTask.get("spend")).containsExactly(out[1]);
    assertThat(Files.readString(README)).contains(example());
  }

  /** The lines between the markers of this file, with the method body's indentation taken off. */
  private static String example() throws IOException {
    List<String> lines = Files.readAllLines(THIS_FILE);
    int from = lines.indexOf("    // ---- README begin ----") + 1, to = lines.indexOf("    // ---- README end ----");
    StringBuilder sb = new StringBuilder();
    for (String line : lines.subList(from, to)) sb.append(line.substring(4)).append('\n');
    return sb.toString();
  }
}
