package dev.aicompass.catalog;

import java.util.List;

/**
 * A catalog file or {@code config.json} that cannot be used. Each problem names the file, the JSON
 * path and line where known, the offending value and the rule it breaks, e.g.
 * {@code accelerators/nvidia.json: $.accelerators[3].memoryBandwidth (line 57): bandwidth '3.35 TBps'
 * has unknown unit 'TBps' (units: B/s, ...)}. When several entries are bad, all are listed.
 */
public final class CatalogException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /** Creates an exception for one problem. */
  public CatalogException(String problem) {
    super(problem);
    this.problems = List.of(problem);
  }

  /** Creates an exception for one problem with its cause (for example a Jackson parse error). */
  public CatalogException(String problem, Throwable cause) {
    super(problem, cause);
    this.problems = List.of(problem);
  }

  /**
   * Creates an exception listing several problems.
   *
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public CatalogException(List<String> problems) {
    super(summary(problems));
    this.problems = List.copyOf(problems);
  }

  private static String summary(List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a catalog exception needs at least one problem");
    }
    if (problems.size() == 1) {
      return problems.get(0);
    }
    StringBuilder sb = new StringBuilder(problems.size() + " catalog problems:");
    for (String p : problems) {
      sb.append("\n  - ").append(p);
    }
    return sb.toString();
  }

  /** Returns every problem, one message each, in the order found. */
  public List<String> problems() {
    return problems;
  }
}
