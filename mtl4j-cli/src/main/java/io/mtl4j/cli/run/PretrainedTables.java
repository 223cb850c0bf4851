package io.mtl4j.cli.run;

import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.GroupedFeatures;
import io.mtl4j.data.InputGroupOptions;
import io.mtl4j.data.TokenGroup;
import io.mtl4j.data.read.WordVectors;
import io.mtl4j.nn.Parameter;
import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.config.OptionBinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a model and loads the {@code pretrained:} word vectors of its token groups into their embedding tables (every
 * task's copy of a private group). Loaded after the build so the seed draws the other parameters exactly as without
 * word vectors; {@code training.frozen: [encoder.NAME.table]} then keeps the table as loaded.
 */
public final class PretrainedTables {
  private PretrainedTables() {}

  /**
   * {@code config} with each {@code inputs[i].pretrained.file} resolved against {@code base}, the directory of the
   * data files ({@link DataFiles#base}: {@code --data-dir}, else the dataset's cache, else the working directory).
   */
  public static RunConfig resolveFiles(RunConfig config, Path base) {
    if (config.inputs() == null) return config;
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (Map<String, Object> group : config.inputs()) {
      Map<String, Object> copy = new LinkedHashMap<>(group);
      for (Map.Entry<String, Object> e : copy.entrySet()) {
        if (!OptionBinder.normalise(e.getKey()).equals(OptionBinder.normalise("pretrained"))
            || !(e.getValue() instanceof Map<?, ?> pretrained)) continue;
        Map<String, Object> resolved = new LinkedHashMap<>();
        pretrained.forEach((k, v) -> resolved.put(String.valueOf(k), OptionBinder.normalise(String.valueOf(k))
            .equals(OptionBinder.normalise("file")) && v instanceof String f ? base.resolve(f).toString() : v));
        e.setValue(resolved);
      }
      inputs.add(copy);
    }
    return new RunConfig(config.data(), config.features(), inputs, config.tasks(), config.architecture(),
        config.weighting(), config.optimizer(), config.training(), config.compare(), config.output(),
        config.classical(), config.tune());
  }

  /** {@code pretrained.file} as {@link #resolveFiles} left it. */
  public static MultiTaskModel create(ModelSpec spec, long seed, List<InputGroupOptions> options, GroupedFeatures groups) {
    MultiTaskModel model = MultiTaskModel.create(spec, seed);
    if (groups == null) return model;
    for (int i = 0; i < options.size(); i++) {
      if (!(options.get(i) instanceof InputGroupOptions.Tokens o) || o.pretrained() == null) continue;
      TokenGroup group = (TokenGroup) groups.groups().get(i);
      Path file = Path.of(o.pretrained().file());
      WordVectors vectors = WordVectors.load(file, o.pretrained().format(), group.vocabulary(), seed);
      if (vectors.dimension() != group.dimension()) {
        throw new IllegalArgumentException("inputs[" + i + "].pretrained.file " + file + ": its vectors have dimension "
            + vectors.dimension() + " but the group's embeddingDim is " + group.dimension());
      }
      load(model.parameters(), "encoder." + group.name() + ".table", vectors.table());
    }
    return model;
  }

  /** Copies {@code table} into every parameter named {@code suffix}: the shared one or each task's private one. */
  public static void load(ParameterBuffer buffer, String suffix, Tensor table) {
    for (Parameter p : buffer.parameters()) {
      if (!p.name().equals(suffix) && !p.name().endsWith("." + suffix)) continue;
      float[] values = buffer.values();
      for (int i = 0; i < p.size(); i++) values[p.offset() + i] = table.get(i);
    }
  }
}
