package dev.aicompass.perf;

import dev.aicompass.internal.Checks;
import java.util.Locale;

/**
 * The range a measurement is expected to fall in, as multipliers of an estimate: the 10th and 90th
 * percentiles of measured/predicted over the calibration rows of the method and quantity.
 */
public final class ErrorBand {
  private final double low;
  private final double high;

  private ErrorBand(double low, double high) {
    this.low = low;
    this.high = high;
  }

  /**
   * Returns a band of {@code low} to {@code high} times the estimate.
   *
   * @throws IllegalArgumentException unless {@code 0 < low <= 1 <= high} and both are finite
   */
  public static ErrorBand of(double low, double high) {
    Checks.inRange("errorBand.low", low, 1e-6, 1.0);
    Checks.inRange("errorBand.high", high, 1.0, 1e6);
    return new ErrorBand(low, high);
  }

  /** Returns the lower multiplier (≤ 1). */
  public double low() {
    return low;
  }

  /** Returns the upper multiplier (≥ 1). */
  public double high() {
    return high;
  }

  /** Returns the band that covers both this and {@code other}. */
  public ErrorBand union(ErrorBand other) {
    return new ErrorBand(Math.min(low, other.low), Math.max(high, other.high));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ErrorBand && ((ErrorBand) o).low == low && ((ErrorBand) o).high == high;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(low) * 31 + Double.hashCode(high);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "×%.2f-×%.2f", low, high);
  }
}
