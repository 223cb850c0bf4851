package io.mtl4j.spark;

import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.ModelSpecMaps;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.task.Task;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.Trainer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A trained mtl4j network as a Spark ML model: {@link #transform} adds one column {@code <predictionPrefix><task>}
 * per task (probabilities for classification, a vector of them for multiclass; values for regression), computed by
 * core's {@link MultiTaskModel#predict}. Saved as Params metadata plus the ordinary mtl4j model file
 * ({@link ModelFileIO}), which the plain library loads as it is.
 */
public final class MultiTaskSparkModel extends Model<MultiTaskSparkModel> implements MLWritable {
  private static final long serialVersionUID = 1L;
  /** Rows per forward pass when predicting. */
  static final int PREDICT_BATCH = 1024;

  private final String uid;
  private final transient MultiTaskModel model;
  private final Param<String> featuresCol;
  private final StringArrayParam featureCols;
  private final Param<String> predictionPrefix;

  MultiTaskSparkModel(String uid, MultiTaskModel model) {
    this.uid = uid;
    this.model = model;
    featuresCol = MultiTaskParams.featuresCol(this);
    featureCols = MultiTaskParams.featureCols(this);
    predictionPrefix = MultiTaskParams.predictionPrefix(this);
    setDefault(featuresCol, "features");
    setDefault(featureCols, new String[0]);
    setDefault(predictionPrefix, "prediction_");
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> featuresCol() { return featuresCol; }
  public StringArrayParam featureCols() { return featureCols; }
  public Param<String> predictionPrefix() { return predictionPrefix; }

  public MultiTaskSparkModel setFeaturesCol(String v) { set(featuresCol, v); return this; }
  public MultiTaskSparkModel setFeatureCols(String... v) { set(featureCols, v); return this; }
  public MultiTaskSparkModel setPredictionPrefix(String v) { set(predictionPrefix, v); return this; }

  /** The trained network, for use without Spark. */
  public MultiTaskModel model() {
    return model;
  }

  private RowReader reader() {
    return new RowReader(getOrDefault(featuresCol), List.of(getOrDefault(featureCols)), List.of());
  }

  @Override
  public StructType transformSchema(StructType schema) {
    reader().checkFeatures(schema);
    return withPredictions(schema, model.tasks(), getOrDefault(predictionPrefix));
  }

  /** {@code schema} plus one prediction column per task. */
  static StructType withPredictions(StructType schema, List<Task> tasks, String prefix) {
    StructType out = schema;
    for (Task t : tasks) {
      String name = prefix + t.name();
      if (List.of(schema.fieldNames()).contains(name)) {
        throw new IllegalArgumentException("predictionPrefix: the data already has a column '" + name + "'");
      }
      out = out.add(name, t.type().outputWidth() == 1 ? DataTypes.DoubleType : SQLDataTypes.VectorType(), false);
    }
    return out;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema());
    RowReader reader = reader();
    List<Row> first = dataset.toDF().takeAsList(1);
    if (!first.isEmpty()) Trainer.checkWidth(model.spec(), reader.width(first.get(0)), "prediction");
    SparkSession spark = dataset.sparkSession();
    Broadcast<Map<String, Object>> spec = spark.sparkContext().broadcast(ModelSpecMaps.toMap(model.spec()),
        scala.reflect.ClassTag$.MODULE$.apply(Map.class));
    Broadcast<float[]> values = spark.sparkContext().broadcast(model.parameters().values().clone(),
        scala.reflect.ClassTag$.MODULE$.apply(float[].class));
    int width = model.spec().inputs();
    MapPartitionsFunction<Row, Row> predict = rows -> predict(rows, reader,
        MultiTaskModel.create(ModelSpecMaps.fromMap(spec.value()), values.value()), width);
    return dataset.toDF().mapPartitions(predict, Encoders.row(out));
  }

  private static Iterator<Row> predict(Iterator<Row> rows, RowReader reader, MultiTaskModel model, int width) {
    List<Row> out = new ArrayList<>();
    List<Row> chunk = new ArrayList<>(PREDICT_BATCH);
    long seen = 0;
    while (rows.hasNext()) {
      chunk.add(rows.next());
      if (chunk.size() == PREDICT_BATCH || !rows.hasNext()) {
        float[] x = new float[chunk.size() * width];
        for (int i = 0; i < chunk.size(); i++) reader.features(chunk.get(i), seen + i, width, x, i * width);
        Map<String, Tensor> predictions = model.predict(Tensor.of(x, chunk.size(), width), PREDICT_BATCH);
        for (int i = 0; i < chunk.size(); i++) out.add(withPredictions(chunk.get(i), model.tasks(), predictions, i));
        seen += chunk.size();
        chunk.clear();
      }
    }
    return out.iterator();
  }

  private static Row withPredictions(Row row, List<Task> tasks, Map<String, Tensor> predictions, int i) {
    Object[] values = new Object[row.size() + tasks.size()];
    for (int c = 0; c < row.size(); c++) values[c] = row.get(c);
    for (int t = 0; t < tasks.size(); t++) {
      Tensor p = predictions.get(tasks.get(t).name());
      int w = p.cols();
      if (w == 1) {
        values[row.size() + t] = (double) p.get(i * w);
      } else {
        double[] v = new double[w];
        for (int k = 0; k < w; k++) v[k] = p.get(i * w + k);
        values[row.size() + t] = Vectors.dense(v);
      }
    }
    return RowFactory.create(values);
  }

  @Override
  public MultiTaskSparkModel copy(ParamMap extra) {
    return copyValues(new MultiTaskSparkModel(uid, model), extra).setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new ModelFileIO.Writer(this);
  }

  public static MLReader<MultiTaskSparkModel> read() {
    return new ModelFileIO.Reader();
  }

  public static MultiTaskSparkModel load(String path) {
    return read().load(path);
  }
}
