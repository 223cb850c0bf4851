package io.mtl4j.data.read;

import io.mtl4j.data.DataFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads FDU-MTL (Liu, Qiu & Huang, ACL 2017), 16 binary sentiment tasks of reviews, from the folder its
 * PROVENANCE.md describes: {@code <domain>.task.{train,test,unlabel}[.gz]}, labelled lines {@code label<TAB>text}
 * with label 0 (negative) or 1 (positive), unlabelled lines raw text. The split is the common one (MAN's
 * {@code fdu_mtl_dataset.py}): dev = the last {@link #DEV_SIZE} lines of {@code .task.train}, train = the lines before
 * them, test = {@code .task.test}. Texts are kept as given (duplicates and the one empty text included: published
 * numbers were computed on the files as they are); lines are decoded as {@link ByteLines} says.
 */
public final class FduMtl {
  /** The 16 domains: the 14 Amazon product domains, then imdb and MR. */
  public static final List<String> DOMAINS = List.of("apparel", "baby", "books", "camera_photo", "dvd", "electronics",
      "health_personal_care", "kitchen_housewares", "magazines", "music", "software", "sports_outdoors", "toys_games",
      "video", "imdb", "MR");
  public static final int DEV_SIZE = 200;

  private FduMtl() {}

  /** Texts with their 0/1 labels, in file order. */
  public record Labelled(List<String> texts, int[] labels) {
    public Labelled {
      texts = List.copyOf(texts);
      labels = labels.clone();
      if (texts.size() != labels.length) {
        throw new IllegalArgumentException(texts.size() + " texts but " + labels.length + " labels");
      }
    }

    public int size() {
      return labels.length;
    }

    Labelled slice(int from, int to) {
      return new Labelled(texts.subList(from, to), java.util.Arrays.copyOfRange(labels, from, to));
    }
  }

  /** One task: its name, the three labelled splits and (when read) the unlabelled texts, else an empty list. */
  public record Domain(String name, Labelled train, Labelled dev, Labelled test, List<String> unlabelled) {
    public Domain {
      unlabelled = List.copyOf(unlabelled);
    }
  }

  /** All 16 domains in {@link #DOMAINS} order. */
  public static List<Domain> readAll(Path dir, boolean withUnlabelled) {
    List<Domain> out = new ArrayList<>();
    for (String d : DOMAINS) out.add(read(dir, d, withUnlabelled));
    return out;
  }

  /** One domain; {@code domain} is one of {@link #DOMAINS}. */
  public static Domain read(Path dir, String domain, boolean withUnlabelled) {
    if (!DOMAINS.contains(domain)) {
      throw new IllegalArgumentException("FDU-MTL has no domain '" + domain + "'; known: " + DOMAINS);
    }
    Path trainFile = file(dir, domain, "train");
    Labelled all = labelled(trainFile);
    if (all.size() <= DEV_SIZE) {
      throw new DataFormatException(trainFile.toString(), all.size(), 0, "has " + all.size() + " labelled lines; the"
          + " dev split takes the last " + DEV_SIZE + " and needs at least one line left for training");
    }
    int cut = all.size() - DEV_SIZE;
    Labelled test = labelled(file(dir, domain, "test"));
    List<String> unlabelled = withUnlabelled ? unlabelled(file(dir, domain, "unlabel")) : List.of();
    return new Domain(domain, all.slice(0, cut), all.slice(cut, all.size()), test, unlabelled);
  }

  /** {@code <domain>.task.<split>.gz} as shipped, or the plain file when only that exists. */
  private static Path file(Path dir, String domain, String split) {
    Path plain = dir.resolve(domain + ".task." + split);
    Path gz = dir.resolve(plain.getFileName() + ".gz");
    return java.nio.file.Files.exists(gz) || !java.nio.file.Files.exists(plain) ? gz : plain;
  }

  private static Labelled labelled(Path file) {
    List<String> texts = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    try (ByteLines lines = new ByteLines(file)) {
      for (String s = lines.next(); s != null; s = lines.next()) {
        int tab = s.indexOf('\t');
        if (tab < 0) {
          throw new DataFormatException(file.toString(), lines.number(), 0, "expected 'label<TAB>text', found no tab in '"
              + WordVectors.abbreviate(s) + "'");
        }
        String label = s.substring(0, tab);
        if (!label.equals("0") && !label.equals("1")) {
          throw new DataFormatException(file.toString(), lines.number(), 1, "label '" + WordVectors.abbreviate(label)
              + "', expected 0 or 1");
        }
        labels.add(label.charAt(0) - '0');
        texts.add(s.substring(tab + 1));
      }
    }
    if (texts.isEmpty()) throw new DataFormatException(file.toString(), 0, 0, "the file has no labelled lines");
    return new Labelled(texts, labels.stream().mapToInt(Integer::intValue).toArray());
  }

  private static List<String> unlabelled(Path file) {
    List<String> texts = new ArrayList<>();
    try (ByteLines lines = new ByteLines(file)) {
      for (String s = lines.next(); s != null; s = lines.next()) texts.add(s);
    }
    return texts;
  }
}
