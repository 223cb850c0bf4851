package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.io.ModelFileException;
import io.mtl4j.io.TensorArchive;
import io.mtl4j.optim.OptimizerState;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A checkpoint is read back by --resume: the same untrusted-input checks as a model file. */
public class CheckpointFileTest {
  @TempDir Path dir;

  public static TrainingCheckpoint checkpoint(float[] parameters) {
    OptimizerState adam = new OptimizerState("adam", 3, Map.of("m", new float[parameters.length]));
    OptimizerState none = new OptimizerState("sgd", 0, Map.of());
    return new TrainingCheckpoint(1, 2, 3, false, 1.0, 0, parameters, adam, none, new double[0], Map.of(),
        new double[][] {{0.5, 0.25}}, new double[] {1, 2}, new int[] {1, 1}, new double[] {1, 1}, new int[] {1, 1},
        Double.NEGATIVE_INFINITY, -1, 0,
        null, List.of(), Map.of("epochs", 2));
  }

  @Test
  void roundTripKeepsWeightsAndCounters() {
    Path file = dir.resolve(CheckpointFile.NAME);
    CheckpointFile.save(file, checkpoint(new float[] {1, 2, 3}));
    TrainingCheckpoint c = CheckpointFile.load(file);
    assertThat(c.parameters()).containsExactly(1, 2, 3);
    assertThat(c.step()).isEqualTo(3);
    assertThat(c.bestScore()).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @ParameterizedTest
  @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY})
  void refusesNonFiniteWeights(float bad) {
    Path file = dir.resolve(CheckpointFile.NAME);
    CheckpointFile.save(file, checkpoint(new float[] {1, bad, 3}));
    assertThatThrownBy(() -> CheckpointFile.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("parameter 'parameters' holds " + bad + " at index 1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.9", "4294967297", "1.0"})
  void refusesAFormatVersionThatIsNotAnExactSupportedInteger(String version) {
    Path file = dir.resolve(CheckpointFile.NAME);
    CheckpointFile.save(file, checkpoint(new float[] {1, 2, 3}));
    TensorArchive.Contents c = TensorArchive.read(file, CheckpointFile.DOCUMENT);
    Map<String, Object> doc = new LinkedHashMap<>(c.document());
    doc.put("formatVersion", tools.jackson.databind.json.JsonMapper.builder().build().readValue(version, Object.class));
    TensorArchive.write(file, CheckpointFile.DOCUMENT, doc, c.tensors());
    assertThatThrownBy(() -> CheckpointFile.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageMatching(".*(formatVersion|format version).*");
  }

  @Test
  void withAModelKeyACheckpointCarriesAnHmacAndIsReadOnlyUnderThatKey() {
    io.mtl4j.io.ModelKey key = io.mtl4j.io.ModelKey.of("0123456789abcdef0123456789abcdef".getBytes());
    io.mtl4j.io.ModelKey other = io.mtl4j.io.ModelKey.of("fedcba9876543210fedcba9876543210".getBytes());
    Path keyed = dir.resolve("keyed.mtl4j"), plain = dir.resolve("plain.mtl4j");
    CheckpointFile.save(keyed, checkpoint(new float[] {1, 2, 3}), key);
    CheckpointFile.save(plain, checkpoint(new float[] {1, 2, 3}), null);

    assertThat(CheckpointFile.load(keyed, key).parameters()).containsExactly(1, 2, 3);
    assertThat(TensorArchive.read(keyed, CheckpointFile.DOCUMENT, io.mtl4j.io.ArchiveLimits.DEFAULT, key).tensors())
        .containsKey("parameters");
    assertThatThrownBy(() -> CheckpointFile.load(keyed, other)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("HMAC does not match");
    assertThatThrownBy(() -> CheckpointFile.load(plain, key)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("carries no HMAC");
    assertThat(CheckpointFile.load(plain, null).parameters()).containsExactly(1, 2, 3);
  }
}
