package dev.aicompass.internal;

import java.util.Arrays;

/** Order statistics shared by the validation reports, the simulator and calibration. */
public final class Stats {
  private Stats() {}

  /**
   * Returns the {@code q}-quantile (0–1) of ascending {@code sorted} values, interpolating linearly
   * between neighbours (numpy's default): the median of 1, 2, 3, 4 is 2.5, its 0.9-quantile 3.7.
   * NaN for no values.
   */
  public static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }

  /** Returns the median of {@code values} in any order (NaN for none); the array is not changed. */
  public static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return percentile(s, 0.5);
  }
}
