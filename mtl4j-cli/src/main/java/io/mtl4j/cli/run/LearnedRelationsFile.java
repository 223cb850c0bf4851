package io.mtl4j.cli.run;

import io.mtl4j.analysis.LearnedRelations;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The part of {@code relatedness.json} from the linear models (their two matrices sit among the measures):
 * {@code learned_clusters} beside {@code recommended_groups}, and {@code learnedRelations} with how they were fitted,
 * each task's validation score, the tasks left out and why, or why both measures were skipped.
 */
public final class LearnedRelationsFile {
  private LearnedRelationsFile() {}

  public static void add(Map<String, Object> file, LearnedRelations learned, LearnedRelations.Options options) {
    file.put("learned_clusters", learned.clusters());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("meaning", LearnedRelations.CORRELATION + ": correlation of MTRL's task covariance Ω (Zhang & Yeung 2010); "
        + LearnedRelations.CO_CLUSTER + ": clustered MTL's M (Zhou, Chen & Ye 2011) scaled to unit diagonal; both "
        + "least squares on centred encoded features, binary labels as ±1");
    m.put("fitted", learned.fitted());
    if (!learned.fitted()) m.put("skipped", learned.skipped());
    m.put("sampleRows", options.rows());
    m.put("seed", options.seed());
    m.put("lambda2PerRow", RelatednessFile.number(learned.lambda2()));
    m.put("clusters", learned.k());
    m.put("clusterRule", "k = the widest eigen-gap of the MTRL correlation matrix; tasks joined by average linkage "
        + "while the mean co-cluster value is at least 0.5");
    Map<String, Object> validation = new LinkedHashMap<>();
    learned.validation().forEach((task, score) -> validation.put(task, RelatednessFile.number(score)));
    m.put("validation", validation);
    m.put("validationMeaning", "R² (regression) or AUC (binary) of the MTRL fit on a 20 % carve of the sampled rows");
    m.put("excluded", learned.excluded());
    file.put("learnedRelations", m);
  }
}
