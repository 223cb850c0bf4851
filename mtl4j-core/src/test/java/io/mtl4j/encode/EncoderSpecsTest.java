package io.mtl4j.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncoderSpecsTest {
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void everyKindRoundTripsThroughItsMap(boolean privateCategories) {
    for (EncoderSpec spec : GroupFixtures.spec(privateCategories).groups()) {
      assertThat(EncoderSpecs.fromMap(EncoderSpecs.toMap(spec), "spec.groups[0]")).isEqualTo(spec);
    }
    InputSpec inputs = GroupFixtures.spec(privateCategories);
    assertThat(InputSpec.fromList(inputs.toList(), "spec.groups")).isEqualTo(inputs);
  }

  @Test
  void unknownKindNamesTheKeyAndTheKnownKinds() {
    assertThatThrownBy(() -> EncoderSpecs.fromMap(Map.of("kind", "conv"), "spec.groups[2]"))
        .hasMessage("spec.groups[2].kind = 'conv': unknown encoder kind; known: [categorical, dense, tokens]");
  }

  @Test
  void badFieldNamesItsKeyPath() {
    Map<String, Object> map = Map.of("kind", "categorical", "group", "c", "pooling", "sum",
        "fields", List.of(Map.of("name", "f", "rows", "many", "dimension", 2)));
    assertThatThrownBy(() -> EncoderSpecs.fromMap(map, "spec.groups[1]"))
        .hasMessageContaining("spec.groups[1].fields[0].rows: expected an integer, got many");
  }

  @Test
  void widthsSplitIntoSharedAndPrivate() {
    assertThat(GroupFixtures.spec(false).sharedWidth()).isEqualTo(4 + 3 + 2);
    assertThat(GroupFixtures.spec(true).sharedWidth()).isEqualTo(4);
    assertThat(GroupFixtures.spec(true).privateWidth()).isEqualTo(3 + 2);
  }
}
