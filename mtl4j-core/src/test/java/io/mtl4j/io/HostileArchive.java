package io.mtl4j.io;

import io.mtl4j.train.CheckpointFile;
import io.mtl4j.train.CheckpointFileTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns arbitrary bytes into a hostile archive and loads it: the first byte picks a valid base file (deep model,
 * classical model, checkpoint), the rest is a program of mutations an attacker could make (JSON values swapped for
 * hostile ones, tensors resized, renamed or poisoned, manifest lines dropped, zip bytes flipped, inserted, cut,
 * directory sizes rewritten), then the archive is re-sealed, because the seal is a checksum anyone can recompute.
 * The only acceptable outcomes are a load or a {@link ModelFileException}.
 */
final class HostileArchive {
  private static final int MAX_OPS = 12;
  private static final List<Object> HOSTILE = List.of(1.9, 4294967297L, -1, 0, 30000, Integer.MAX_VALUE,
      Integer.MIN_VALUE, 1e308, -1e308, "NaN", "x", true, List.of(), Map.of(), List.of(30000, 30000),
      List.of(List.of(1, 2), "a"), "\u0000\ud800", List.of(-5));
  private static final Map<Integer, Base> BASES = new LinkedHashMap<>();

  /** A valid file's parts and the loader that reads it. */
  private record Base(String documentName, TensorArchive.Contents contents, Consumer<Path> loader) {}

  private final Cursor in;
  private final Base base;
  // Nested values pile up over several mutations; an attacker's file is not bound by Jackson's default write
  // limit (500 levels), so neither is this writer: the loader must refuse what any writer can produce.
  private static final JsonMapper DEEP_WRITER = JsonMapper.builder(JsonFactory.builder()
      .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(100_000).build()).build()).build();
  private final Map<String, Object> document;
  private final Map<String, float[]> floats = new LinkedHashMap<>();
  private final Map<String, double[]> doubles = new LinkedHashMap<>();

  private HostileArchive(byte[] data) {
    this.in = new Cursor(data);
    this.base = base(in.next() % 3);
    this.document = deepCopy(base.contents.document());
    base.contents.tensors().forEach((k, v) -> floats.put(k, v.clone()));
    base.contents.doubles().forEach((k, v) -> doubles.put(k, v.clone()));
  }

  /** Builds the archive {@code data} describes into {@code file} and loads it with the base's loader. */
  static void load(byte[] data, Path file) {
    HostileArchive a = new HostileArchive(data);
    a.write(file);
    a.base.loader.accept(file);
  }

  private void write(Path file) {
    List<int[]> rawOps = new ArrayList<>();
    boolean dropManifestLine = false;
    for (int i = 0; i < MAX_OPS && in.hasMore(); i++) {
      switch (in.next() % 9) {
        case 0 -> replaceJson();
        case 1 -> poisonTensor();
        case 2 -> resizeTensor();
        case 3 -> renameTensor();
        case 4 -> dropManifestLine = true;
        default -> rawOps.add(new int[] {in.next() % 4, in.nextInt(), in.nextInt()});
      }
    }
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(base.documentName, DEEP_WRITER.writeValueAsBytes(document));
    floats.forEach((k, v) -> entries.put("tensors/" + k + ".f32", TensorArchive.toBytes(v)));
    doubles.forEach((k, v) -> entries.put("tensors/" + k + ".f64", TensorArchive.toBytes(v)));
    StringBuilder manifest = new StringBuilder();
    entries.forEach((name, bytes) -> manifest.append(TensorArchive.sha256(bytes)).append("  ").append(name).append('\n'));
    if (dropManifestLine) manifest.delete(0, manifest.indexOf("\n") + 1);
    entries.put(TensorArchive.MANIFEST, manifest.toString().getBytes(StandardCharsets.UTF_8));
    byte[] zip = Archives.zip(entries);
    for (int[] op : rawOps) zip = raw(zip, op[0], op[1], op[2]);
    try {
      Files.write(file, Seal.seal(zip));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Some value anywhere in the document (a map entry or a list element) becomes a hostile one, or goes. */
  private void replaceJson() {
    List<Object[]> slots = new ArrayList<>();
    collect(document, slots);
    if (slots.isEmpty()) return; // earlier steps removed every value: nothing left to replace
    Object[] slot = slots.get(in.nextInt() % slots.size());
    int pick = in.next();
    Object hostile = pick % 5 == 0 ? null : pick % 7 == 0 ? nested(450) : HOSTILE.get(pick % HOSTILE.size());
    // a mutable copy, so that a later step can replace values inside it too
    Object value = TensorArchive.JSON.readValue(TensorArchive.JSON.writeValueAsBytes(hostile), Object.class);
    if (slot[0] instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<Object, Object> map = (Map<Object, Object>) m;
      if (value == null && pick % 2 == 0) map.remove(slot[1]); else map.put(slot[1], value);
    } else {
      @SuppressWarnings("unchecked")
      List<Object> list = (List<Object>) slot[0];
      list.set((Integer) slot[1], value);
    }
  }

  private void poisonTensor() {
    float[] t = pickFloat();
    if (t == null || t.length == 0) return;
    float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE, -0f};
    t[in.nextInt() % t.length] = bad[in.next() % bad.length];
  }

  private void resizeTensor() {
    String name = pickName();
    if (name == null) return;
    int length = in.nextInt() % 4096;
    if (floats.containsKey(name)) floats.put(name, Arrays.copyOf(floats.get(name), length));
    else doubles.put(name, Arrays.copyOf(doubles.get(name), length));
  }

  private void renameTensor() {
    String name = pickName();
    if (name == null) return;
    String to = switch (in.next() % 4) {
      case 0 -> name + "x";
      case 1 -> "";
      case 2 -> "../" + name;
      default -> null; // dropped
    };
    float[] f = floats.remove(name);
    double[] d = doubles.remove(name);
    if (to == null) return;
    if (f != null) floats.put(to, f); else doubles.put(to, d);
  }

  /** Flip, insert, cut, or rewrite a 4-byte little-endian field (sizes, offsets) anywhere in the zip. */
  private static byte[] raw(byte[] zip, int kind, int at, int value) {
    int i = Math.floorMod(at, zip.length);
    switch (kind) {
      case 0 -> zip[i] ^= (byte) (1 << (value & 7));
      case 1 -> {
        byte[] out = new byte[zip.length + 1 + (value & 15)];
        System.arraycopy(zip, 0, out, 0, i);
        System.arraycopy(zip, i, out, out.length - (zip.length - i), zip.length - i);
        return out;
      }
      case 2 -> {
        return Arrays.copyOf(zip, Math.max(22, i));
      }
      default -> {
        if (i + 4 <= zip.length) ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).putInt(i, value);
      }
    }
    return zip;
  }

  private String pickName() {
    List<String> names = new ArrayList<>(floats.keySet());
    names.addAll(doubles.keySet());
    return names.isEmpty() ? null : names.get(in.nextInt() % names.size());
  }

  private float[] pickFloat() {
    List<float[]> all = new ArrayList<>(floats.values());
    return all.isEmpty() ? null : all.get(in.nextInt() % all.size());
  }

  private static void collect(Object node, List<Object[]> slots) {
    if (node instanceof Map<?, ?> m) {
      for (Object k : m.keySet()) {
        slots.add(new Object[] {m, k});
        collect(m.get(k), slots);
      }
    } else if (node instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        slots.add(new Object[] {l, i});
        collect(l.get(i), slots);
      }
    }
  }

  private static Object nested(int depth) {
    Object o = List.of();
    for (int i = 0; i < depth; i++) o = List.of(o);
    return o;
  }

  /** Mutable copies all the way down, so values can be replaced at any depth. */
  private static Map<String, Object> deepCopy(Map<String, Object> doc) {
    return TensorArchive.JSON.readValue(TensorArchive.JSON.writeValueAsBytes(doc), LinkedHashMap.class);
  }

  private static synchronized Base base(int kind) {
    return BASES.computeIfAbsent(kind, HostileArchive::create);
  }

  private static Base create(int kind) {
    try {
      Path dir = Files.createTempDirectory("mtl4j-hostile-base");
      Path file = dir.resolve("base.mtl4j");
      Base b = switch (kind) {
        case 0 -> {
          ModelFile.save(file, ModelFileTest.model(3), ModelFileTest.metadata("t"));
          yield new Base(ModelFile.DOCUMENT, TensorArchive.read(file, ModelFile.DOCUMENT), ModelFile::load);
        }
        case 1 -> {
          ClassicalModelFile.save(file, ClassicalModelFileTest.dirty(), Map.of("rho1", 5));
          yield new Base(ModelFile.DOCUMENT, TensorArchive.read(file, ModelFile.DOCUMENT), ClassicalModelFile::load);
        }
        default -> {
          CheckpointFile.save(file, CheckpointFileTest.checkpoint(new float[] {1, 2, 3, 4}));
          yield new Base(CheckpointFile.DOCUMENT, TensorArchive.read(file, CheckpointFile.DOCUMENT), CheckpointFile::load);
        }
      };
      Files.delete(file);
      Files.delete(dir);
      return b;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the fuzzer's bytes as small numbers; zeros once they run out. */
  private static final class Cursor {
    private final byte[] data;
    private int at;

    Cursor(byte[] data) {
      this.data = data;
    }

    boolean hasMore() {
      return at < data.length;
    }

    int next() {
      return at < data.length ? data[at++] & 0xff : 0;
    }

    int nextInt() {
      return (next() << 24 | next() << 16 | next() << 8 | next()) & Integer.MAX_VALUE;
    }
  }
}
