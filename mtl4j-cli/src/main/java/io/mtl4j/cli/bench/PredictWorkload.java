package io.mtl4j.cli.bench;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.MMoE;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.FeatureEncoder;
import io.mtl4j.data.LabelEncoder;
import io.mtl4j.data.LabelSpec;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.Table;
import io.mtl4j.io.ModelFile;
import io.mtl4j.io.ModelMetadata;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What {@code bench predict} times: a model file with preprocessing and raw rows for it. The default model has the
 * shape of census-income MMoE ({@code examples/census-income-mmoe.yaml}): the KDD file's 7 numeric columns (4 of them
 * log-scaled) and 32 categorical ones with their category counts, one-hot; 8 experts of 32, towers of 16, two binary
 * tasks. Its weights are random (seeded): timing does not depend on their values.
 */
final class PredictWorkload {
  /** Numeric columns; the log-scaled ones are those of the example config. */
  private static final List<String> NUMERIC = List.of("age", "wage_per_hour", "capital_gains", "capital_losses",
      "stock_dividends", "num_emp", "weeks_worked");
  private static final List<String> LOG = List.of("wage_per_hour", "capital_gains", "capital_losses", "stock_dividends");
  /** Categorical columns and their category counts in census-income.names (marital_stat is a task's label). */
  private static final Map<String, Integer> CATEGORICAL = categorical();

  private PredictWorkload() {}

  private static Map<String, Integer> categorical() {
    Map<String, Integer> m = new LinkedHashMap<>();
    String[] names = {"class_worker", "det_ind_code", "det_occ_code", "education", "hs_college", "major_ind_code",
        "major_occ_code", "race", "hisp_origin", "sex", "union_member", "unemp_reason", "full_or_part_emp",
        "tax_filer_stat", "region_prev_res", "state_prev_res", "det_hh_fam_stat", "det_hh_summ", "mig_chg_msa",
        "mig_chg_reg", "mig_move_reg", "mig_same", "mig_prev_sunbelt", "fam_under_18", "country_father",
        "country_mother", "country_self", "citizenship", "own_or_self", "vet_question", "vet_benefits", "year"};
    int[] counts = {9, 52, 47, 17, 3, 24, 15, 5, 10, 2, 3, 6, 8, 6, 6, 51, 38, 8, 10, 9, 10, 3, 4, 5, 43, 43, 43, 5, 3,
        3, 3, 2};
    for (int i = 0; i < names.length; i++) m.put(names[i], counts[i]);
    return m;
  }

  /** Writes the census-income-shaped MMoE with random weights from {@code seed} to {@code file}. */
  static void writeCensusShaped(Path file, long seed) {
    List<FeatureEncoder> encoders = new ArrayList<>();
    for (String c : NUMERIC) {
      boolean log = LOG.contains(c);
      encoders.add(new FeatureEncoder.Numeric(c, log ? "log" : "standardise", log ? 1.0 : 30.0, log ? 2.5 : 15.0, 0.1,
          c.equals("age")));
    }
    CATEGORICAL.forEach((c, n) -> {
      List<String> categories = new ArrayList<>();
      for (int k = 0; k < n; k++) categories.add(c + "-" + k);
      encoders.add(new FeatureEncoder.OneHot(c, categories, false));
    });
    List<LabelEncoder> labels = List.of(
        new LabelEncoder(new LabelSpec("income", "binary", List.of("income_50k"), List.of("50000+."), null), List.of()),
        new LabelEncoder(new LabelSpec("marital", "binary", List.of("marital_stat"), List.of("Never married"), null),
            List.of()));
    Preprocessing p = new Preprocessing(encoders, labels);
    List<Task> tasks = List.of(Task.of("income", TaskType.binary()), Task.of("marital", TaskType.binary()));
    MultiTaskModel model = MultiTaskModel.create(new ModelSpec(p.width(), tasks, new MMoE.Options(8, 32),
        new Head.Options(16)), seed);
    ModelFile.save(file, model, ModelMetadata.empty().withPreprocessing(p.toMap()));
  }

  /**
   * {@code rows} raw rows for {@code p}'s columns: numbers around each column's training scale (5 % missing),
   * categories drawn from the training ones (2 % unseen, 2 % missing), hashed columns arbitrary text.
   */
  static Table rows(Preprocessing p, int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> names = p.encoders().stream().map(FeatureEncoder::column).toList();
    Table table = new Table("bench-predict", names);
    for (int i = 0; i < rows; i++) {
      String[] cells = new String[names.size()];
      for (int c = 0; c < cells.length; c++) cells[c] = cell(p.encoders().get(c), r);
      table.add(cells, i + 2L);
    }
    return table;
  }

  private static String cell(FeatureEncoder e, SplittableRandom r) {
    double u = r.nextDouble();
    if (e instanceof FeatureEncoder.Numeric n) {
      if (u < 0.05) return null;
      double t = n.shift() + n.scale() * r.nextGaussian();
      double x = n.scaling().equals("log") ? Math.signum(t) * Math.expm1(Math.abs(t)) : t;
      return Double.toString(x);
    }
    if (u < 0.02) return null;
    if (e instanceof FeatureEncoder.OneHot o) {
      return u < 0.04 ? "unseen" : o.categories().get(r.nextInt(o.categories().size()));
    }
    return "v" + r.nextInt(1_000_000);
  }

  /** The rows as a service receives them: numbers parsed once (JSON numbers), categories as text, null if missing. */
  static List<Map<String, Object>> maps(Preprocessing p, Table table) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < table.rows(); i++) {
      Map<String, Object> row = new HashMap<>();
      for (int c = 0; c < table.names().size(); c++) {
        int code = table.code(c, i);
        String v = code < 0 ? null : table.values(c).get(code);
        boolean numeric = p.encoders().get(c) instanceof FeatureEncoder.Numeric;
        row.put(table.names().get(c), v == null ? null : numeric ? (Object) Double.valueOf(v) : v);
      }
      out.add(row);
    }
    return out;
  }
}
