package io.mtl4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.autodiff.Conv1d;
import io.mtl4j.autodiff.Elementwise;
import io.mtl4j.autodiff.Reduce;
import io.mtl4j.autodiff.SegmentMax;
import io.mtl4j.autodiff.Tape;
import io.mtl4j.autodiff.Var;
import io.mtl4j.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SequenceConvTest {
  @Test
  void convolvesWithItsBufferParametersAndSendsGradientsToTheFlatBuffer() {
    ParameterBuffer.Builder builder = ParameterBuffer.builder();
    SequenceConv conv = new SequenceConv(builder, "text.conv", 4, 3, 3, Init.HE_UNIFORM, Parameter.SHARED);
    ParameterBuffer buffer = builder.build(5);
    assertThat(buffer.get("text.conv.kernel").shape()).containsExactly(12, 3);
    int[] offsets = {0, 2, 7};
    Tensor x = Tensor.zeros(7, 4);
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < x.size(); i++) x.set(i, (float) random.nextDouble(-1, 1));
    float[] gradients = new float[buffer.size()];
    Graph g = new Graph(buffer, gradients).begin(Mode.TRAIN, new SplittableRandom(1));
    Var y = conv.forward(g, g.input(x), offsets, Activation.RELU);
    Tape tape = new Tape();
    Var expected = Elementwise.relu(Conv1d.conv(tape.constant(x), offsets,
        tape.constant(buffer.value(buffer.get("text.conv.kernel"))), tape.constant(buffer.value(buffer.get("text.conv.bias")))));
    assertThat(y.value().toArray()).containsExactly(expected.value().toArray());
    g.tape().backward(Reduce.sum(SegmentMax.max(y, offsets)));
    assertThat(gradients).as("kernel and bias gradients land in the flat buffer").isNotEqualTo(new float[buffer.size()]);
  }

  @Test
  void rejectsEmptySizes() {
    assertThatThrownBy(() -> new SequenceConv(ParameterBuffer.builder(), "c", 4, 3, 0, Init.HE_UNIFORM, Parameter.SHARED))
        .hasMessageContaining("width = 0");
  }
}
