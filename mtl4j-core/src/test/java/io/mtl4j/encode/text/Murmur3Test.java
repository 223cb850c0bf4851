package io.mtl4j.encode.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Murmur3Test {
  /** Published MurmurHash3_x86_32 vectors (SMHasher's reference implementation), covering 0–3 tail bytes. */
  @Test
  void matchesTheReferenceVectors() {
    assertThat(Murmur3.hash32(new byte[0], 0)).isEqualTo(0);
    assertThat(Murmur3.hash32(new byte[0], 1)).isEqualTo(0x514E28B7);
    assertThat(Murmur3.hash32(new byte[0], 0xffffffff)).isEqualTo(0x81F16F39);
    assertThat(Murmur3.hash32(new byte[] {0, 0, 0, 0}, 0)).isEqualTo(0x2362F9DE);
    assertThat(Murmur3.hash32(new byte[] {0x21, 0x43, 0x65, (byte) 0x87}, 0x5082EDEE)).isEqualTo(0x2362F9DE);
    assertThat(Murmur3.hash32(new byte[] {0x21, 0x43, 0x65}, 0)).isEqualTo(0x7E4A8634);
    assertThat(Murmur3.hash32(new byte[] {0x21, 0x43}, 0)).isEqualTo(0xA0F7B07A);
    assertThat(Murmur3.hash32(new byte[] {0x21}, 0)).isEqualTo(0x72661CF4);
    assertThat(Murmur3.hash32("Hello, world!", 0x9747b28c)).isEqualTo(0x24884CBA);
    assertThat(Murmur3.hash32("The quick brown fox jumps over the lazy dog", 0x9747b28c)).isEqualTo(0x2FA826CD);
  }

  @Test
  void hashesTheUtf8BytesOfAString() {
    String word = "naïve";
    assertThat(Murmur3.hash32(word, 7)).isEqualTo(Murmur3.hash32(word.getBytes(StandardCharsets.UTF_8), 7));
  }
}
