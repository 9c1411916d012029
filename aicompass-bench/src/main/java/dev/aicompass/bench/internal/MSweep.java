package dev.aicompass.bench.internal;

import java.util.ArrayList;
import java.util.List;

/** The token dimension M swept by the GEMM measurement: powers of two between two bounds. */
public final class MSweep {
  /** Default smallest M (one token: decoding a single sequence). */
  public static final int DEFAULT_MIN = 1;
  /** Default largest M (a large prefill chunk). */
  public static final int DEFAULT_MAX = 16384;

  private MSweep() {}

  /**
   * Returns min, 2·min, 4·min, … up to max inclusive, ascending.
   *
   * @throws IllegalArgumentException if min or max is not a power of two, or min exceeds max
   */
  public static List<Integer> powersOfTwo(int min, int max) {
    return geometric(min, max, 2);
  }

  /**
   * Returns min, min·factor, min·factor², … up to max inclusive, ascending; max is always included.
   *
   * @param factor the ratio between neighbours, a power of two of at least 2
   * @throws IllegalArgumentException if min or max is not a power of two, min exceeds max, or
   *     factor is not a power of two of at least 2
   */
  public static List<Integer> geometric(int min, int max, int factor) {
    Checks.powerOfTwo("mMin", min);
    Checks.powerOfTwo("mMax", max);
    Checks.powerOfTwo("factor", factor);
    if (factor < 2) {
      throw new IllegalArgumentException("factor (" + factor + ") must be at least 2");
    }
    if (min > max) {
      throw new IllegalArgumentException(
          "mMin (" + min + ") must not exceed mMax (" + max + ")");
    }
    List<Integer> values = new ArrayList<>();
    for (long m = min; m <= max; m *= factor) {
      values.add((int) m);
    }
    if (values.get(values.size() - 1) != max) {
      values.add(max);
    }
    return List.copyOf(values);
  }

  /** Returns the quick sweep: 1, 4, 16, …, 4096. */
  public static List<Integer> quick() {
    return geometric(1, 4096, 4);
  }
}
