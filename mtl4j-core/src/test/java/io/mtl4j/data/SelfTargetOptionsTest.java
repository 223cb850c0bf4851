package io.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.encode.DenseEncoder;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.encode.TokenEncoder;
import io.mtl4j.task.Task;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A config's {@code auxiliary: {targets, of, vocabulary}} bound to the tasks the Java API builds. */
class SelfTargetOptionsTest {
  private static final String AT = "tasks.aux.auxiliary";
  private static final InputSpec INPUTS = new InputSpec(List.of(new DenseEncoder.Spec("numbers", 3, false),
      new TokenEncoder.Spec("text", 50, 4, TokenEncoder.Pooling.MEAN, 0, 0, false)));

  private static Task task(Map<String, ?> options, InputSpec inputs) {
    return SelfTargetOptions.bind(AT, options).task("aux", inputs, 7, AT);
  }

  @Test
  void bindsToTheTasksTheJavaApiBuilds() {
    assertThat(task(Map.of("targets", "reconstruction"), null)).isEqualTo(Task.reconstruction("aux", 7, null));
    assertThat(task(Map.of("targets", "reconstruction", "of", "numbers"), INPUTS))
        .isEqualTo(Task.reconstruction("aux", 3, "numbers"));
    assertThat(task(Map.of("targets", "Masked_Token", "of", "text", "vocabulary", 20), INPUTS))
        .isEqualTo(Task.maskedToken("aux", 20, "text"));
    assertThat(task(Map.of("targets", "masked-token", "of", "text"), INPUTS)).as("0: the whole vocabulary")
        .isEqualTo(Task.maskedToken("aux", 50, "text"));
    assertThat(task(Map.of("targets", "masked-token", "of", "text", "vocabulary", 500), INPUTS)).as("capped at its size")
        .isEqualTo(Task.maskedToken("aux", 50, "text"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "reconstruction|nums|0|tasks.aux.auxiliary.of = 'nums': no such input group; groups: [numbers, text]",
      "reconstruction|text|0|tasks.aux.auxiliary.of = 'text': a tokens group; reconstruction needs a dense group",
      "masked-token|numbers|0|tasks.aux.auxiliary.of = 'numbers': a dense group; masked-token needs a tokens group",
      "reconstruction||0|tasks.aux.auxiliary.of is missing: the inputs are groups [numbers, text]",
      "masked-token||0|tasks.aux.auxiliary: of is missing",
      "reconstruction|numbers|5|tasks.aux.auxiliary: vocabulary is for masked-token, not reconstruction",
      "masked-token|text|-1|tasks.aux.auxiliary: vocabulary = -1, expected ≥ 0",
      "next-token|text|0|tasks.aux.auxiliary: targets = next-token, expected one of [masked-token, reconstruction]"})
  void aBadOptionFailsNamingItsKey(String targets, String of, int vocabulary, String message) {
    Map<String, Object> options = new java.util.HashMap<>(Map.of("targets", targets, "vocabulary", vocabulary));
    if (of != null) options.put("of", of);
    assertThatThrownBy(() -> task(options, INPUTS)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void aGroupNeedsDeclaredInputsAndTargetsAreRequired() {
    assertThatThrownBy(() -> task(Map.of("targets", "masked-token", "of", "text"), null))
        .hasMessageContaining("tasks.aux.auxiliary.of = 'text': the config declares no inputs: groups");
    assertThatThrownBy(() -> task(Map.of("of", "text"), INPUTS)).hasMessageContaining("tasks.aux.auxiliary.targets is missing");
    assertThatThrownBy(() -> task(Map.of("targets", "reconstruction", "off", "x"), INPUTS))
        .hasMessageContaining("unknown option 'off'");
  }
}
