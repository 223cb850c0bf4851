package io.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.io.ModelFile;
import io.mtl4j.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class MultiTaskSparkModelTest {
  @RegisterExtension
  static final LocalSpark SPARK = new LocalSpark();

  @Test
  void aModelSavedFromSparkLoadsInThePlainLibraryAndPredictsIdentically(@TempDir Path dir) throws Exception {
    List<Row> rows = SparkFixtures.rows(100, 8);
    org.apache.spark.sql.Dataset<Row> frame = SparkFixtures.frame(SPARK.session(), rows);
    MultiTaskSparkModel fitted = SparkFixtures.estimator("ew").fit(frame);
    String path = dir.resolve("saved").toString();
    fitted.write().overwrite().save(path);

    MultiTaskModel plain = ModelFile.load(dir.resolve("saved").resolve(ModelFileIO.MODEL_FILE)).model();
    // One partition and the same rows per forward pass: a GEMM's rounding may depend on how many rows it multiplies.
    List<Row> predicted = fitted.transform(frame.coalesce(1)).collectAsList();
    Map<String, Tensor> expected = plain.predict(SparkFixtures.dataset(predicted).features(),
        MultiTaskSparkModel.PREDICT_BATCH);
    for (int i = 0; i < predicted.size(); i++) {
      Row row = predicted.get(i);
      assertThat(row.getDouble(row.fieldIndex("prediction_sum"))).isEqualTo(expected.get("sum").get(i));
      assertThat(row.getDouble(row.fieldIndex("prediction_sign"))).isEqualTo(expected.get("sign").get(i));
    }
    MultiTaskSparkModel loaded = MultiTaskSparkModel.load(path);
    assertThat(loaded.uid()).isEqualTo(fitted.uid());
    assertThat(loaded.transform(frame.coalesce(1)).collectAsList()).isEqualTo(predicted);
  }

  @Test
  void transformAddsOnePredictionColumnPerTaskWithTheGivenPrefix() {
    org.apache.spark.sql.Dataset<Row> frame = SparkFixtures.frame(SPARK.session(), SparkFixtures.rows(30, 2));
    MultiTaskSparkModel model = SparkFixtures.estimator("ew").setEpochs(1).setPredictionPrefix("p_").fit(frame);
    Row first = model.transform(frame).first();
    assertThat(model.transform(frame).columns()).containsExactly("features", "sum", "sign", "p_sum", "p_sign");
    double probability = first.getDouble(4);
    assertThat(probability).isBetween(0.0, 1.0);
    assertThat(((Vector) first.get(0)).size()).isEqualTo(4);
  }
}
