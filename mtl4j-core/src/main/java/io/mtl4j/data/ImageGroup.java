package io.mtl4j.data;

import io.mtl4j.encode.EncoderSpec;
import io.mtl4j.encode.EncoderSpecs;
import io.mtl4j.encode.GroupRows;
import io.mtl4j.encode.ImageEncoder;
import io.mtl4j.encode.ImageRows;
import io.mtl4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image group read from pixel columns, one image per row in C, H, W order (the layout of MNIST-format CSV files:
 * {@code label, pixel0 … pixel783}), each value divided by {@code scale}. Nothing is fitted: the encoder spec says
 * the image size and trunk. A missing or non-numeric pixel is an error naming the file, line and column.
 */
public record ImageGroup(String name, List<String> columns, double scale, ImageEncoder.Spec encoder)
    implements GroupedFeatures.Group {
  public ImageGroup {
    columns = List.copyOf(columns);
    long pixels = (long) encoder.channels() * encoder.height() * encoder.width();
    if (columns.size() != pixels) {
      throw new IllegalArgumentException("image group '" + name + "': " + columns.size() + " pixel columns, expected "
          + pixels + " for images of C×H×W = " + encoder.channels() + "×" + encoder.height() + "×" + encoder.width());
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("image group '" + name + "': scale = " + scale + ", expected a number > 0");
    }
  }

  @Override
  public boolean isPrivate() {
    return encoder.isPrivate();
  }

  @Override
  public EncoderSpec spec() {
    return encoder;
  }

  @Override
  public GroupRows rows(Table table, int[] rows, boolean strictCategories) {
    int width = columns.size();
    float[] pixels = new float[Math.multiplyExact(rows.length, width)];
    for (int j = 0; j < width; j++) {
      int col = table.require(columns.get(j), "image input '" + name + "'");
      float[] byCode = parsed(table.values(col));
      for (int i = 0; i < rows.length; i++) {
        int code = table.code(col, rows[i]);
        float v = code < 0 ? Float.NaN : byCode[code];
        if (Float.isNaN(v)) {
          throw new DataFormatException(table.source(), table.line(rows[i]), col + 1, "image group '" + name
              + "': pixel column '" + columns.get(j) + "' has " + (code < 0 ? "no value" : "the value '"
              + table.values(col).get(code) + "'") + "; expected a number for each of the image's " + width + " pixels");
        }
        pixels[i * width + j] = v;
      }
    }
    return new ImageRows(Tensor.of(pixels, rows.length, width), encoder.channels(), encoder.height(), encoder.width());
  }

  /** Each distinct cell parsed once, divided by the scale; NaN where it is not a number. */
  private float[] parsed(List<String> values) {
    float[] out = new float[values.size()];
    for (int c = 0; c < out.length; c++) {
      try {
        out[c] = (float) (Double.parseDouble(values.get(c).strip()) / scale);
      } catch (NumberFormatException e) {
        out[c] = Float.NaN;
      }
    }
    return out;
  }

  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("columns", columns);
    m.put("scale", scale);
    m.put("encoder", EncoderSpecs.toMap(encoder));
    return m;
  }

  @SuppressWarnings("unchecked")
  static ImageGroup fromMap(String name, Map<String, Object> m) {
    String where = "preprocessing group '" + name + "'";
    EncoderSpec spec = EncoderSpecs.fromMap((Map<String, ?>) m.get("encoder"), where + ".encoder");
    if (!(spec instanceof ImageEncoder.Spec image)) throw new IllegalArgumentException(where + ": not an image encoder");
    return new ImageGroup(name, (List<String>) m.get("columns"), ((Number) m.get("scale")).doubleValue(), image);
  }
}
