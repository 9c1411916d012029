package dev.aicompass.simulate;

import dev.aicompass.units.TimeSpan;
import java.util.Arrays;
import java.util.Locale;

/**
 * The distribution of one latency over a set of requests (or token gaps): count, mean, extremes
 * and percentiles, interpolated linearly between the nearest ranks as numpy's default (and so
 * {@code vllm bench serve}) does. An empty set reports zero everywhere.
 */
public final class LatencyStats {
  private final double[] sorted;
  private final double mean;

  private LatencyStats(double[] sorted) {
    this.sorted = sorted;
    double sum = 0;
    for (double v : sorted) {
      sum += v;
    }
    this.mean = sorted.length == 0 ? 0 : sum / sorted.length;
  }

  /** Returns the statistics of {@code seconds} (the array is copied). */
  static LatencyStats of(double[] seconds, int count) {
    double[] s = Arrays.copyOf(seconds, count);
    Arrays.sort(s);
    return new LatencyStats(s);
  }

  /** Returns how many values the statistics describe. */
  public int count() {
    return sorted.length;
  }

  public TimeSpan mean() {
    return TimeSpan.ofSeconds(mean);
  }

  public TimeSpan min() {
    return sorted.length == 0 ? TimeSpan.ZERO : TimeSpan.ofSeconds(sorted[0]);
  }

  public TimeSpan max() {
    return sorted.length == 0 ? TimeSpan.ZERO : TimeSpan.ofSeconds(sorted[sorted.length - 1]);
  }

  public TimeSpan p50() {
    return percentile(50);
  }

  public TimeSpan p90() {
    return percentile(90);
  }

  public TimeSpan p99() {
    return percentile(99);
  }

  /**
   * Returns the {@code p}-th percentile (0–100), linearly interpolated.
   *
   * @throws IllegalArgumentException unless {@code 0 ≤ p ≤ 100}
   */
  public TimeSpan percentile(double p) {
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile (" + p + ") must be between 0 and 100");
    }
    return sorted.length == 0 ? TimeSpan.ZERO : TimeSpan.ofSeconds(dev.aicompass.internal.Stats.percentile(sorted, p / 100));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "mean %s, p50 %s, p90 %s, p99 %s (n=%d)", mean(), p50(), p90(), p99(), count());
  }
}
