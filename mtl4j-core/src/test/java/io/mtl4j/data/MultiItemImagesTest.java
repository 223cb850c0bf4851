package io.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mtl4j.data.read.IdxSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MultiItemImagesTest {
  private static final Path DIR = Path.of(System.getProperty("mtl4j.data.dir", Path.of("..", "..", "shared", "data")
      .toString()));

  /** {@code count} items of 28×28 at one intensity, labelled 0, 1, 2… */
  private static ImageSet solid(int count, int intensity) {
    byte[] pixels = new byte[count * 28 * 28];
    Arrays.fill(pixels, (byte) intensity);
    return new ImageSet(count, 28, 28, pixels);
  }

  private static byte[] labels(int count, int first) {
    byte[] y = new byte[count];
    for (int i = 0; i < count; i++) y[i] = (byte) (first + i);
    return y;
  }

  private static float[] mask(MultiItemImages.Built built, int n) {
    return Arrays.copyOfRange(built.masks(), n * 784, (n + 1) * 784);
  }

  /**
   * Sener &amp; Koltun's loader puts the items at canvas [0:28, 0:28] and [6:34, 6:34] of 36×36 on every image and
   * resizes with nearest neighbours (canvas pixel ⌊(o + ½)·36/28⌋): the top-left item covers output rows and columns
   * 0–21, the bottom-right one 5–25, whichever items were drawn.
   */
  @Test
  void everyImagePlacesItsItemsAtTheReferenceLoadersFixedCorners() {
    MultiItemImages.Built onlyFirst = MultiItemImages.build(solid(3, 255), labels(3, 0), solid(4, 0), labels(4, 5), 6,
        28, 9);
    MultiItemImages.Built onlySecond = MultiItemImages.build(solid(3, 0), labels(3, 0), solid(4, 255), labels(4, 5), 6,
        28, 9);
    assertThat(onlyFirst.images().shape()).containsExactly(6, 1, 28, 28);
    for (int n = 0; n < 6; n++) {
      assertThat(onlyFirst.left()[n]).isBetween(0f, 2f);
      assertThat(onlyFirst.right()[n]).isBetween(5f, 8f);
      assertThat(mask(onlyFirst, n)).containsExactly(square(0, 21, 1f));
      assertThat(mask(onlySecond, n)).containsExactly(square(5, 25, 2f));
      assertThat(Arrays.copyOfRange(onlySecond.images().toArray(), n * 784, (n + 1) * 784))
          .containsExactly(square(5, 25, 1f));
    }
  }

  /** A 28×28 map holding {@code value} on rows and columns {@code from}–{@code to} and 0 elsewhere. */
  private static float[] square(int from, int to, float value) {
    float[] map = new float[784];
    for (int y = from; y <= to; y++) Arrays.fill(map, y * 28 + from, y * 28 + to + 1, value);
    return map;
  }

  @Test
  void theBrighterItemOwnsTheOverlap() {
    // the centre lies under both items
    int centre = 14 * 28 + 14;
    MultiItemImages.Built firstBrighter = MultiItemImages.build(solid(2, 255), labels(2, 0), solid(2, 128), labels(2, 0),
        3, 28, 4);
    MultiItemImages.Built secondBrighter = MultiItemImages.build(solid(2, 128), labels(2, 0), solid(2, 255),
        labels(2, 0), 3, 28, 4);
    for (int n = 0; n < 3; n++) {
      assertThat(mask(firstBrighter, n)[centre]).isEqualTo(1f);
      assertThat(mask(secondBrighter, n)[centre]).isEqualTo(2f);
      assertThat(firstBrighter.images().get(n * 784 + centre)).isEqualTo(1f);
    }
  }

  private static int count(float[] values, float value) {
    int c = 0;
    for (float v : values) c += v == value ? 1 : 0;
    return c;
  }

  @Test
  void theSameSeedBuildsTheSameImages() {
    MultiItemImages.Built a = MultiItemImages.build(solid(5, 200), labels(5, 0), solid(5, 90), labels(5, 0), 4, 28, 3);
    MultiItemImages.Built b = MultiItemImages.build(solid(5, 200), labels(5, 0), solid(5, 90), labels(5, 0), 4, 28, 3);
    assertThat(a.images().toArray()).containsExactly(b.images().toArray());
    assertThat(a.masks()).containsExactly(b.masks());
    assertThat(a.left()).containsExactly(b.left());
  }

  @Test
  void rejectsLabelsThatDoNotMatchTheImages() {
    assertThatThrownBy(() -> MultiItemImages.build(solid(3, 1), labels(2, 0), solid(1, 1), labels(1, 0), 1, 28, 1))
        .hasMessageContaining("first set has 3 images of 28×28 and 2 labels");
  }

  /** Multi-Fashion from the real test set: both items' classes are balanced and the images are mostly background. */
  @Test
  void buildsMultiFashionFromTheFashionMnistTestSet() {
    Path images = DIR.resolve("fashion-mnist/t10k-images-idx3-ubyte.gz");
    assumeTrue(Files.isRegularFile(images), "fashion-mnist absent under " + DIR + ": see its PROVENANCE.md");
    ImageSet items = IdxSource.images(images);
    byte[] classes = IdxSource.labels(DIR.resolve("fashion-mnist/t10k-labels-idx1-ubyte.gz"));
    assertThat(items.count()).isEqualTo(10_000);
    int[] perClass = new int[10];
    for (byte c : classes) perClass[c]++;
    assertThat(perClass).containsOnly(1000); // PROVENANCE.md: 1,000 test examples per class
    MultiItemImages.Built built = MultiItemImages.build(items, classes, items, classes, 2000, 28, 1);
    int[] left = new int[10];
    for (float c : built.left()) left[(int) c]++;
    for (int k : left) assertThat(k).isBetween(140, 260); // 200 expected per class
    long background = 0;
    for (float m : built.masks()) background += m == 0f ? 1 : 0;
    assertThat(background / (double) built.masks().length).isBetween(0.2, 0.8);
  }
}
