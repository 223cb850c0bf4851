package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.Head;
import io.mtl4j.arch.MMoE;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.PLE;
import io.mtl4j.data.Dataset;
import io.mtl4j.io.ModelFile;
import io.mtl4j.io.ModelMetadata;
import io.mtl4j.io.Provenance;
import io.mtl4j.nn.Activation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every step mode keeps its exact result: the SHA-256 of the model file after a fixed-seed run on 2 threads (so the
 * data-parallel reduction is covered), recorded before the step was split into step-mode classes. The file is
 * hashed whole: its zip entries have fixed times and its provenance timestamp is fixed here, so nothing in it varies
 * between runs. Dropout in the experts and heads makes every dropout stream (loss samples included) count. Beyond
 * the six runs the issue names, GradDrop covers full representation gradients and MoCo (frozen head, clipped) full
 * parameter gradients and freezing.
 */
class StepModeHashesTest {
  private static final Architecture.Factory MMOE = new MMoE.Options(3, new int[] {8}, Activation.RELU, 0.1);
  private static final Head.Options HEAD = new Head.Options(new int[] {4}, Activation.RELU, 0.1);

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "mmoe-ew,                    ew,       false, 0.5, '',        686e775d143d4f63a123d56227929c16c256cdbfad12d42097fa839883869662",
      "mmoe-pcgrad-parameters,     pcgrad,   false, 0,   '',        19b8f465e6ef67219acf8579948afca2d92d987f0c8aa9d51165b906decac9e3",
      "mmoe-pcgrad-representation, pcgrad,   true,  0,   '',        b8dde2d713480fbe21443c51a3a1daeef973321ed3a99a70d324fe0ba306bbe1",
      "mmoe-modo,                  modo,     false, 0,   '',        8300d61e4f0aef9fa279359d594d8f457f98f6c7e3327a7f70fac6818ace8560",
      "mmoe-famo,                  famo,     false, 0.5, '',        5795e44f83461b7208498a1c2263c911c8ae3fcf20249d56b44af3a486a03a00",
      "mmoe-graddrop,              graddrop, false, 0,   '',        e4e7b86b632480bc231a83f1f496e2212a49c0079dd3f5e7b52c63d22a781c6e",
      "mmoe-moco-frozen-sign,      moco,     false, 0.5, task:sign, 3b08152be6a0bf4a24edbde718a749eafbe56db50d6a620d0c5f9ffe234d67af"})
  void singleInputRunsKeepTheirModelFileHash(String name, String weighting, boolean representation, double clip,
                                            String frozen, String sha256, @TempDir Path dir) throws IOException {
    MultiTaskModel model = MultiTaskModel.create(new ModelSpec(4, TrainerTest.model(1).tasks(), MMOE, HEAD), 21);
    new Trainer(config(weighting, clip).representationGradients(representation)
        .frozen(frozen.isEmpty() ? List.of() : List.of(frozen)).build())
        .fit(model, TrainerTest.data(150, 3, true), null);
    assertThat(hash(model, dir)).as(name).isEqualTo(sha256);
  }

  @ParameterizedTest(name = "ple-uw-multi-input")
  @CsvSource("0ab9285d9a9c0ad063294f0d16fcf944faa399547209fad034c191a832766ce2")
  void multiInputPleWithUncertaintyWeightingKeepsItsModelFileHash(String sha256, @TempDir Path dir)
      throws IOException {
    Architecture.Factory ple = new PLE.Options(2, 2, 1, 6);
    MultiTaskModel model = MultiTaskModel.create(new ModelSpec(4, TrainerTest.model(1).tasks(), ple, HEAD), 22);
    Dataset sum = TrainerTest.data(130, 4, false), sign = TrainerTest.data(90, 5, false);
    new Trainer(config("uw", 0).build()).fit(model, TrainerTest.multiInput(sum, sign), null);
    assertThat(hash(model, dir)).isEqualTo(sha256);
  }

  private static TrainingConfig.Builder config(String weighting, double clip) {
    return TrainingConfig.builder().epochs(2).batchSize(32).threads(2).seed(13).learningRate(0.01)
        .gradClipNorm(clip).weighting(weighting);
  }

  private static String hash(MultiTaskModel model, Path dir) throws IOException {
    Path file = dir.resolve("model.mtl4j");
    ModelFile.save(file, model, new ModelMetadata(Map.of(), Map.of(),
        new Provenance("data", 13, 2, ModelFile.MTL4J_VERSION, "fixed")));
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
