package dev.aicompass.catalog.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A version range such as {@code ">=0.18"}, {@code ">=0.17 <0.18"} or {@code "<0.17"}: space-separated
 * bounds ({@code >=}, {@code >}, {@code <}, {@code <=}) that must all hold; {@code "*"} or empty
 * matches every version. Versions compare numerically by dotted component ({@code 0.9 < 0.10}).
 */
public final class VersionRange {
  private final String text;
  private final List<String[]> bounds;

  private VersionRange(String text, List<String[]> bounds) {
    this.text = text;
    this.bounds = bounds;
  }

  /**
   * Parses a range.
   *
   * @throws IllegalArgumentException quoting the text when a bound lacks an operator or a version
   */
  public static VersionRange parse(String text) {
    List<String[]> bounds = new ArrayList<>();
    String t = text == null ? "" : text.trim();
    if (!t.isEmpty() && !t.equals("*")) {
      for (String part : t.split("\\s+")) {
        String op;
        if (part.startsWith(">=") || part.startsWith("<=")) {
          op = part.substring(0, 2);
        } else if (part.startsWith(">") || part.startsWith("<")) {
          op = part.substring(0, 1);
        } else {
          throw new IllegalArgumentException("version range '" + text + "': bound '" + part
              + "' needs an operator (>=, >, <, <=), e.g. '>=0.17 <0.18'");
        }
        String v = part.substring(op.length());
        if (!v.matches("v?\\d+(\\.\\d+)*")) {
          throw new IllegalArgumentException("version range '" + text + "': '" + v + "' is not a version such as 0.17");
        }
        bounds.add(new String[] {op, v});
      }
    }
    return new VersionRange(t, bounds);
  }

  /** Returns whether {@code version} lies in this range (a version that does not parse matches only open ranges). */
  public boolean contains(String version) {
    for (String[] b : bounds) {
      int c = compare(version, b[1]);
      boolean ok;
      switch (b[0]) {
        case ">=":
          ok = c >= 0;
          break;
        case ">":
          ok = c > 0;
          break;
        case "<=":
          ok = c <= 0;
          break;
        default:
          ok = c < 0;
          break;
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Compares dotted versions numerically; non-numeric suffixes ({@code 0.10.1rc1}) are ignored. */
  public static int compare(String a, String b) {
    int[] x = components(a);
    int[] y = components(b);
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? x[i] : 0;
      int q = i < y.length ? y[i] : 0;
      if (p != q) {
        return Integer.compare(p, q);
      }
    }
    return 0;
  }

  private static int[] components(String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("v")) {
      s = s.substring(1);
    }
    String[] parts = s.split("[.\\-+ ]");
    List<Integer> out = new ArrayList<>();
    for (String p : parts) {
      String digits = p.replaceAll("[^0-9].*", "");
      if (digits.isEmpty()) {
        break;
      }
      out.add(Integer.parseInt(digits.length() > 9 ? digits.substring(0, 9) : digits));
      if (digits.length() != p.length()) {
        break;
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public String toString() {
    return text.isEmpty() ? "*" : text;
  }
}
