package io.mtl4j.encode;

import java.util.LinkedHashMap;
import java.util.Map;

/** A set of rows as named feature groups, in declaration order; every group has the same number of rows. */
public final class FeatureRows {
  private final Map<String, GroupRows> groups;
  private final int rows;

  private FeatureRows(Map<String, GroupRows> groups) {
    if (groups.isEmpty()) throw new IllegalArgumentException("feature rows: no groups");
    int n = -1;
    for (Map.Entry<String, GroupRows> e : groups.entrySet()) {
      if (n >= 0 && e.getValue().rows() != n) {
        throw new IllegalArgumentException("feature rows: group '" + e.getKey() + "' has " + e.getValue().rows()
            + " rows, the groups before it " + n);
      }
      n = e.getValue().rows();
    }
    this.groups = groups;
    this.rows = n;
  }

  /** Groups by name, kept in the map's iteration order. */
  public static FeatureRows of(Map<String, ? extends GroupRows> groups) {
    return new FeatureRows(new LinkedHashMap<>(groups));
  }

  public int rows() {
    return rows;
  }

  public Map<String, GroupRows> groups() {
    return java.util.Collections.unmodifiableMap(groups);
  }

  /** The group named {@code name}; an unknown name is an error listing the groups there are. */
  public GroupRows group(String name) {
    GroupRows g = groups.get(name);
    if (g == null) throw new IllegalArgumentException("no feature group '" + name + "'; groups: " + groups.keySet());
    return g;
  }

  /** Rows {@code order[from..to)} of every group, copied in that order. */
  public FeatureRows gather(int[] order, int from, int to) {
    Map<String, GroupRows> out = new LinkedHashMap<>();
    for (Map.Entry<String, GroupRows> e : groups.entrySet()) out.put(e.getKey(), e.getValue().gather(order, from, to));
    return new FeatureRows(out);
  }

  /** Rows [from, to) of every group, sharing arrays. */
  public FeatureRows slice(int from, int to) {
    GroupRows.checkRange("feature rows", from, to, rows);
    Map<String, GroupRows> out = new LinkedHashMap<>();
    for (Map.Entry<String, GroupRows> e : groups.entrySet()) out.put(e.getKey(), e.getValue().slice(from, to));
    return new FeatureRows(out);
  }
}
