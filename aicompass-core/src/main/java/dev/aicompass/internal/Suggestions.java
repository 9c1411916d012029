package dev.aicompass.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** "Did you mean" suggestions by edit distance and shared prefix. */
public final class Suggestions {
  private Suggestions() {}

  /** Returns up to {@code limit} candidates closest to {@code query}, closest first. */
  public static List<String> closest(String query, List<String> candidates, int limit) {
    String q = query.toLowerCase(Locale.ROOT);
    return candidates.stream()
        .distinct()
        .sorted(Comparator.comparingDouble((String c) -> score(q, c.toLowerCase(Locale.ROOT))).thenComparing(c -> c))
        .limit(limit)
        .collect(Collectors.toList());
  }

  private static double score(String q, String c) {
    double d = distance(q, c);
    if (c.contains(q) || q.contains(c)) {
      d -= Math.min(q.length(), c.length()) * 0.5;
    }
    return d;
  }

  /** Levenshtein distance. */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
