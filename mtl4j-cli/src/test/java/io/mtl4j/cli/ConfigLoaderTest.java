package io.mtl4j.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  @ParameterizedTest
  @CsvSource({"epocs,epochs", "wieght,weight", "batchsize,batchSize", "patince,patience"})
  void suggestsTheNearestKnownKey(String typo, String expected) {
    assertThat(ConfigLoader.closest(typo, List.of("epochs", "weight", "batchSize", "patience", "seed"))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"zzzzzz", "optimizer"})
  void suggestsNothingForUnrelatedKeys(String key) {
    assertThat(ConfigLoader.closest(key, List.of("epochs", "seed"))).isNull();
  }
}
