package io.mtl4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.autodiff.Upsample.Mode;
import io.mtl4j.autodiff.Var;
import io.mtl4j.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The image layers declare PyTorch-shaped parameters and chain into an encoder–decoder with the expected shapes. */
class ImageLayersTest {
  @Test
  void convolutionEncoderDecoderKeepsTheImageSize() {
    ParameterBuffer.Builder b = ParameterBuffer.builder();
    Conv2d conv = new Conv2d(b, "enc", 1, 4, 3, 1, 1, Init.HE_UNIFORM, Parameter.SHARED);
    BatchNorm2d norm = new BatchNorm2d(b, "bn", 4, Parameter.SHARED);
    ConvTranspose2d up = new ConvTranspose2d(b, "dec", 4, 3, 2, 2, 0, Init.LECUN_UNIFORM, 0);
    ParameterBuffer buffer = b.build(1);
    assertThat(buffer.get("enc.weight").shape()).containsExactly(4, 1, 3, 3);
    assertThat(buffer.get("dec.weight").shape()).containsExactly(4, 3, 2, 2);
    Graph g = new Graph(buffer, new float[buffer.size()]).begin(io.mtl4j.nn.Mode.TRAIN, new SplittableRandom(1));
    Tensor images = Tensor.zeros(2, 1, 6, 6);
    for (int i = 0; i < images.size(); i++) images.set(i, i % 7);
    Var h = norm.forward(g, conv.forward(g, g.input(images)));
    assertThat(h.shape()).containsExactly(2, 4, 6, 6);
    Var pooled = Pool2d.max(2).forward(h);
    assertThat(pooled.shape()).containsExactly(2, 4, 3, 3);
    assertThat(up.forward(g, pooled).shape()).containsExactly(2, 3, 6, 6);
    assertThat(new Upsample(2, Mode.BILINEAR).forward(Pool2d.average(3).forward(h)).shape())
        .containsExactly(2, 4, 4, 4);
    assertThat(g.statistics()).hasSize(1);
  }

  @Test
  void rejectsBadSizesNamingTheLayer() {
    ParameterBuffer.Builder b = ParameterBuffer.builder();
    assertThatThrownBy(() -> new ConvTranspose2d(b, "dec", 4, 3, 2, 0, 0, Init.ZEROS, 0))
        .hasMessageContaining("ConvTranspose2d 'dec'").hasMessageContaining("stride = 0");
    assertThatThrownBy(() -> new Conv2d(b, "c", 0, 3, 3, 1, 0, Init.ZEROS, 0)).hasMessageContaining("Conv2d 'c': in = 0");
    assertThatThrownBy(() -> new Pool2d(Pool2d.Kind.MAX, 0, 1)).hasMessageContaining("kernel = 0");
  }
}
