package io.mtl4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryTest {
  private static final Registry<String> GREETINGS = Registry.<String>of("greeting")
      .with("hello", o -> "hello " + o.text("name", "world"))
      .with("good-bye", o -> "bye");

  @Test
  void withReturnsANewRegistryAndLeavesTheOriginalUnchanged() {
    Registry<String> more = GREETINGS.with("hi", o -> "hi");
    assertThat(more.names()).containsExactly("hello", "good-bye", "hi");
    assertThat(GREETINGS.names()).containsExactly("hello", "good-bye");
    assertThat(GREETINGS.contains("hi")).isFalse();
  }

  @Test
  void matchesNamesByTheOptionKeyRule() {
    assertThat(GREETINGS.create("Good_Bye", Map.of())).isEqualTo("bye");
    assertThat(GREETINGS.create("GOODBYE", Map.of())).isEqualTo("bye");
    assertThat(GREETINGS.canonicalName("goodBye")).isEqualTo("good-bye");
  }

  @Test
  void passesOptionsToTheFactoryAndRejectsUnreadOnes() {
    assertThat(GREETINGS.create("hello", Map.of("Name", "mtl4j"))).isEqualTo("hello mtl4j");
    assertThatThrownBy(() -> GREETINGS.create("hello", Map.of("nmae", "x")))
        .hasMessage("greeting.hello: unknown option 'nmae'; known: [name]");
    assertThatThrownBy(() -> GREETINGS.create("hello", Map.of("nmae", "x"), "greeting.options"))
        .hasMessage("greeting.options: unknown option 'nmae'; known: [name]");
  }

  @Test
  void rejectsAnUnknownNameListingTheKnownOnes() {
    assertThatThrownBy(() -> GREETINGS.create("helo", Map.of()))
        .hasMessage("unknown greeting 'helo'; known: [hello, good-bye]");
  }

  @Test
  void refusesToRegisterANameTwice() {
    assertThatThrownBy(() -> GREETINGS.with("Good-Bye", o -> "again"))
        .hasMessage("greeting 'Good-Bye' is already registered (as 'good-bye'); choose another name");
  }
}
